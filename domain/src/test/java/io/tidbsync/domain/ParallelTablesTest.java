package io.tidbsync.domain;

import static io.tidbsync.domain.SyncUseCaseTest.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableReport;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.port.TableDiscovery;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemorySource;
import io.tidbsync.domain.testing.InMemoryStateStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Tables are synced {@code parallelism} at a time: a source that counts open reads sees as many
 * tables reading at once as asked, and never more; reports come back in request order whatever
 * order tables finish in.
 */
class ParallelTablesTest {
  private static final int TABLES = 4;

  static TableSchema table(String name) {
    return new TableSchema(TableId.of(name), List.of(
        new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
        new ColumnSpec("created_at", new LogicalType.NaiveDateTimeType(), true, "datetime(6)")),
        List.of("id"), Optional.empty());
  }

  /** Counts reads open at the same time; each first read waits (up to a bound) for company. */
  static final class OverlapSource implements SourcePort {
    final SourcePort delegate;
    final AtomicInteger open = new AtomicInteger();
    final AtomicInteger maxOpen = new AtomicInteger();
    final CountDownLatch together;

    OverlapSource(SourcePort delegate, int expectedTogether) {
      this.delegate = delegate;
      this.together = new CountDownLatch(expectedTogether);
    }

    @Override
    public RowStream read(ReadRequest request) {
      int now = open.incrementAndGet();
      maxOpen.accumulateAndGet(now, Math::max);
      together.countDown();
      try {
        together.await(300, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      RowStream rows = delegate.read(request);
      return new RowStream() {
        @Override
        public Row next() {
          return rows.next();
        }

        @Override
        public void close() {
          rows.close();
          open.decrementAndGet();
        }
      };
    }

    @Override
    public List<TableId> listTables() {
      return delegate.listTables();
    }

    @Override
    public List<TableDiscovery> describe(List<TableRequest> requests) {
      return delegate.describe(requests);
    }

    @Override
    public RowStream readKeys(TableSchema schema, List<List<Object>> keys, boolean keyColumnsOnly) {
      return delegate.readKeys(schema, keys, keyColumnsOnly);
    }

    @Override
    public Optional<java.time.Instant> commitWatermark() {
      return delegate.commitWatermark();
    }

    @Override
    public Optional<Object> maxCursor(TableSchema schema, Object upTo) {
      return delegate.maxCursor(schema, upTo);
    }

    @Override
    public long countNullCursor(TableSchema schema) {
      return delegate.countNullCursor(schema);
    }

    @Override
    public void close() {}
  }

  private static SyncReport run(int parallelism, InMemorySource rows, OverlapSource source, InMemoryDestination out) {
    List<TableRequest> requests = new ArrayList<>();
    for (int t = 0; t < TABLES; t++) {
      requests.add(new TableRequest(TableId.of("t" + t), List.of("id"), "created_at", Optional.empty()));
    }
    SyncConfig config = new SyncConfig(requests, "created_at", 50, DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.SKIP);
    Tuning tuning = new Tuning(parallelism, Tuning.DEFAULT_BATCH_BYTES, 1);
    return new SyncUseCase(source, out, new InMemoryStateStore(), config, tuning, SyncObserver.NONE,
        Clock.systemUTC()).run();
  }

  /** Table t0 is the largest, so with parallelism it finishes last. */
  private static InMemorySource source() {
    InMemorySource source = new InMemorySource();
    for (int t = 0; t < TABLES; t++) {
      List<Row> rows = new ArrayList<>();
      int count = t == 0 ? 2_000 : 100;
      for (int i = 1; i <= count; i++) {
        rows.add(Row.of((long) i, T0.plusSeconds(i)));
      }
      source.table(table("t" + t), rows);
    }
    return source;
  }

  @Test
  void asManyTablesReadAtOnceAsTheParallelismAndReportsKeepRequestOrder() {
    InMemorySource rows = source();
    OverlapSource source = new OverlapSource(rows, 3);
    InMemoryDestination out = new InMemoryDestination();
    SyncReport report = run(3, rows, source, out);

    assertThat(report.failure()).isEmpty();
    assertThat(source.maxOpen.get()).isEqualTo(3);
    assertThat(report.tables()).extracting(r -> r.table().name()).containsExactly("t0", "t1", "t2", "t3");
    assertThat(report.tables()).extracting(TableReport::rowsRead).containsExactly(2_000L, 100L, 100L, 100L);
    for (int t = 0; t < TABLES; t++) {
      assertThat(out.table(TableId.of("t" + t))).hasSize(t == 0 ? 2_000 : 100);
    }
  }

  @Test
  void parallelismOneReadsOneTableAtATime() {
    InMemorySource rows = source();
    OverlapSource source = new OverlapSource(rows, 2);
    SyncReport report = run(1, rows, source, new InMemoryDestination());

    assertThat(report.failure()).isEmpty();
    assertThat(source.maxOpen.get()).isEqualTo(1);
    assertThat(report.tables()).extracting(r -> r.table().name()).containsExactly("t0", "t1", "t2", "t3");
  }
}
