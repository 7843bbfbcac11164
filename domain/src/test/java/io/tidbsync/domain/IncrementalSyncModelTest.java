package io.tidbsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.failure.TidbSyncException;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemorySource;
import io.tidbsync.domain.testing.InMemoryStateStore;
import io.tidbsync.domain.testing.ModelOp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.api.Pair;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/**
 * Model-based test of incremental sync: random sequences of source changes and sync runs over the
 * in-memory fakes, with the hazards of real databases: many rows sharing one cursor value across
 * page boundaries, transactions that commit after a sync has passed their cursor value (within the
 * look-back window), updates (the cursor is {@code updated_at}), deletes, NULL cursors, and crashes
 * between a durable upsert and its checkpoint. The model is the source table; after the source
 * stops changing, one final sync must leave the destination's live rows equal to it. A failure
 * shrinks to a short list of operations; rerun it with {@code -Dtidbsync.seed=...} (see
 * {@link io.tidbsync.domain.testing.Properties}).
 */
class IncrementalSyncModelTest {
  static final TableId T = TableId.of("items");
  static final TableSchema SCHEMA = new TableSchema(T, List.of(
      new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
      new ColumnSpec("v", new LogicalType.StringType(), true, "varchar"),
      new ColumnSpec("updated_at", new LogicalType.NaiveDateTimeType(), true, "datetime(6)")),
      List.of("id"), Optional.empty());
  static final Duration LOOK_BACK = Duration.ofSeconds(60);
  static final LocalDateTime START = LocalDateTime.of(2024, 1, 1, 0, 0);

  static final class World {
    final InMemorySource source = new InMemorySource().table(SCHEMA, List.of());
    final InMemoryDestination destination = new InMemoryDestination();
    final InMemoryStateStore state = new InMemoryStateStore();
    final Deque<Row> pending = new ArrayDeque<>();
    final Duration lookBack;
    final boolean watermark;
    final io.tidbsync.domain.config.Tuning tuning;
    LocalDateTime now = START;

    World() {
      this(LOOK_BACK, false);
    }

    World(Duration lookBack, boolean watermark) {
      this(lookBack, watermark, new io.tidbsync.domain.config.Tuning(1, io.tidbsync.domain.config.Tuning.DEFAULT_BATCH_BYTES, 1));
    }

    World(Duration lookBack, boolean watermark, io.tidbsync.domain.config.Tuning tuning) {
      this.lookBack = lookBack;
      this.watermark = watermark;
      this.tuning = tuning;
    }

    void apply(ModelOp op) {
      switch (op) {
        case ModelOp.Upsert u -> put(Row.of(u.id(), u.v(), u.nullCursor() ? null : now));
        case ModelOp.Delete d -> source.rows(T).removeIf(r -> r.get(0).equals(d.id()));
        case ModelOp.BeginLate b -> {
          if (pending.size() < 3) {
            pending.add(Row.of(b.id(), b.v(), now));
          }
        }
        case ModelOp.CommitLate c -> {
          if (!pending.isEmpty()) {
            put(pending.poll());
          }
        }
        case ModelOp.Tick t -> {
          now = now.plusSeconds(t.seconds());
          // a transaction older than the window is aborted by the database (TiDB's max-txn-ttl)
          pending.removeIf(r -> ((LocalDateTime) r.get(2)).isBefore(now.minus(LOOK_BACK).plusSeconds(5)));
        }
        case ModelOp.Sync s -> sync(s.batch(), s.crashAfterSaves());
      }
    }

    void put(Row row) {
      source.rows(T).removeIf(r -> r.get(0).equals(row.get(0)));
      source.rows(T).add(row);
    }

    void sync(int batch, int crashAfterSaves) {
      if (crashAfterSaves > 0) {
        state.failAfter(crashAfterSaves);
      }
      SyncConfig config = new SyncConfig(List.of(), "updated_at", Map.of(), java.util.Set.of(),
          java.util.Set.of("items"), true, batch, DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE,
          lookBack, Duration.ofSeconds(5));
      if (watermark) {
        // what the server reports: now, or the start of its oldest open transaction
        LocalDateTime oldest = pending.stream().map(r -> (LocalDateTime) r.get(2)).min(LocalDateTime::compareTo).orElse(now);
        source.watermark(Optional.of(oldest.toInstant(ZoneOffset.UTC)));
      }
      Clock clock = Clock.fixed(now.toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
      try {
        new SyncUseCase(source, destination, state, config, tuning, SyncObserver.NONE, clock).run();
      } catch (TidbSyncException crash) {
        // the process died here; the next run starts from whatever state was saved
      } finally {
        state.failNever();
      }
    }
  }

  @Test
  void oneFinalSyncMakesTheDestinationEqualToTheSource() {
    io.tidbsync.domain.testing.Properties.theory(300).forAll(operations())
        .checkAssert(operations -> check(new World(), operations));
  }

  /** With the open-transaction watermark, no look-back window is needed at all. */
  @Test
  void theCommitWatermarkAloneAlsoLosesNoLateCommit() {
    io.tidbsync.domain.testing.Properties.theory(300).forAll(operations())
        .checkAssert(operations -> check(new World(Duration.ZERO, true), operations));
  }

  /**
   * First syncs read as key ranges of two rows, two at a time, and interrupted by crashes while
   * the source keeps changing: resumed range by range, they must still lose nothing.
   */
  @Test
  void firstSyncsReadInKeyRangesAndInterruptedLoseNothing() {
    io.tidbsync.domain.testing.Properties.theory(300).forAll(operations())
        .checkAssert(operations -> check(new World(LOOK_BACK, true,
            new io.tidbsync.domain.config.Tuning(2, io.tidbsync.domain.config.Tuning.DEFAULT_BATCH_BYTES, 1, 2)),
            operations));
  }

  private static void check(World world, List<ModelOp> operations) {
    for (ModelOp op : operations) {
      world.apply(op);
    }
    while (!world.pending.isEmpty()) {
      world.apply(new ModelOp.CommitLate());
    }
    // the source has stopped changing; the clock-skew margin passes before the final run
    world.apply(new ModelOp.Tick(10));
    world.apply(new ModelOp.Sync(3, 0));

    Map<Long, String> expected = new LinkedHashMap<>();
    for (Row row : world.source.rows(T)) {
      expected.put((Long) row.get(0), row.get(1) + "@" + row.get(2));
    }
    Map<Long, String> actual = new LinkedHashMap<>();
    world.destination.liveTable(T).forEach((key, row) -> actual.put((Long) key.get(0), row.get(1) + "@" + row.get(2)));
    assertThat(actual).as("live destination rows vs source rows").isEqualTo(expected);
    assertThat(world.state.state().table("items").lastError()).isNull();
  }

  /** Up to 40 operations, each built from small generators; shrinking shortens the list and each step. */
  static Gen<List<ModelOp>> operations() {
    Gen<Long> ids = Generate.longRange(1, 12);
    Gen<String> values = Generate.pick(List.of("a", "b", "c"));
    Gen<ModelOp> upsert = ids.zip(values, Generate.range(0, 9), (id, v, n) -> new ModelOp.Upsert(id, v, n == 0));
    Gen<ModelOp> delete = ids.map(ModelOp.Delete::new);
    Gen<ModelOp> late = ids.zip(values, ModelOp.BeginLate::new);
    Gen<ModelOp> commit = Generate.constant(new ModelOp.CommitLate());
    Gen<ModelOp> tick = Generate.range(0, 5).map(ModelOp.Tick::new);
    Gen<ModelOp> sync = Generate.range(1, 4).zip(Generate.range(0, 4),
        (batch, crash) -> new ModelOp.Sync(batch, crash == 4 ? 1 + batch % 3 : 0));
    Gen<ModelOp> op = Generate.frequency(List.of(Pair.of(6, upsert), Pair.of(2, delete), Pair.of(2, late),
        Pair.of(2, commit), Pair.of(3, tick), Pair.of(3, sync)));
    return SourceDSL.lists().of(op).ofSizeBetween(0, 40);
  }
}
