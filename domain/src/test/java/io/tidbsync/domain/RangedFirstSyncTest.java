package io.tidbsync.domain;

import static io.tidbsync.domain.SyncUseCaseTest.PATIENTS;
import static io.tidbsync.domain.SyncUseCaseTest.T0;
import static io.tidbsync.domain.SyncUseCaseTest.patients;
import static io.tidbsync.domain.SyncUseCaseTest.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.model.FirstSyncRanges;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemorySource;
import io.tidbsync.domain.testing.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A never-synced big table is read as key ranges in parallel, each range checkpointed; the table's
 * position then becomes the greatest cursor value up to the watermark taken at the start (where a
 * cursor scan would have stopped) and a cursor scan goes on from there, so the next run is
 * incremental; an
 * interrupted ranged sync resumes each range where it stopped.
 */
class RangedFirstSyncTest {
  static final int ROWS = 1_000;
  /** The commit watermark the source reports: later than every row here. */
  static final Instant WATERMARK = T0.plusHours(1).toInstant(ZoneOffset.UTC);

  final InMemorySource source = new InMemorySource();
  final InMemoryDestination destination = new InMemoryDestination();
  final InMemoryStateStore state = new InMemoryStateStore();

  RangedFirstSyncTest() {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      // every 50th row has no cursor value: a cursor scan never reads it, so neither may the ranges
      rows.add(Row.of((long) i, "p" + i, i % 50 == 0 ? null : T0.plusSeconds(i % 97)));
    }
    source.table(patients(), rows);
    source.watermark(Optional.of(WATERMARK));
  }

  /** The run's clock: a minute after the source's watermark. */
  Instant now = WATERMARK.plusSeconds(60);

  SyncReport run(int parallelism, long splitRows) {
    SyncConfig config = new SyncConfig(List.of(request(PATIENTS)), "created_at", 40, DateTimePolicy.KEEP_NAIVE,
        RowErrorPolicy.SKIP, Duration.ZERO, Duration.ofSeconds(5));
    Tuning tuning = new Tuning(parallelism, Tuning.DEFAULT_BATCH_BYTES, 1, splitRows);
    return new SyncUseCase(source, destination, state, config, tuning, SyncObserver.NONE,
        Clock.fixed(now, ZoneOffset.UTC)).run();
  }

  /** With one thread the ranges are read one after another, with the same result. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void aFirstSyncReadInRangesCopiesWhatACursorScanWouldThenGoesOnInCursorOrder(int parallelism) {
    SyncReport first = run(parallelism, 100);

    assertThat(first.failure()).isEmpty();
    assertThat(source.splitPointCalls()).isEqualTo(1);
    // every row once by the ranges, then the rows at the greatest cursor value again: the cursor
    // scan that follows starts there, inclusive
    long atLastCursor = source.rows(PATIENTS).stream().filter(r -> T0.plusSeconds(96).equals(r.get(2))).count();
    assertThat(first.tables().get(0).rowsRead()).isEqualTo(ROWS - ROWS / 50 + atLastCursor);
    assertThat(first.tables().get(0).rowsUnchanged()).isEqualTo(atLastCursor);
    assertThat(destination.table(PATIENTS)).hasSize(ROWS - ROWS / 50);
    assertThat(destination.table(PATIENTS)).doesNotContainKey(List.of(50L));
    assertThat(first.tables().get(0).nullCursorRows()).isEqualTo(ROWS / 50);
    TableState after = state.state().table("patients");
    assertThat(after.firstSync()).isNull();
    assertThat(after.position().cursor()).isEqualTo("2024-05-01T10:01:36.000000");

    source.insert(PATIENTS, Row.of(5_000L, "new", T0.plusHours(2)));
    source.watermark(Optional.of(WATERMARK.plus(Duration.ofHours(2))));
    now = WATERMARK.plus(Duration.ofHours(2)).plusSeconds(60);
    SyncReport second = run(parallelism, 100);
    assertThat(second.tables().get(0).rowsRead()).isEqualTo(1);
    assertThat(source.splitPointCalls()).isEqualTo(1);
    assertThat(destination.table(PATIENTS)).containsKey(List.of(5_000L));
  }

  @Test
  void anInterruptedRangedFirstSyncResumesEachRangeWhereItStopped() {
    state.failAfter(8);
    SyncReport interrupted = run(2, 100);
    assertThat(interrupted.failure()).isPresent();
    FirstSyncRanges progress = state.state().table("patients").firstSync();
    assertThat(progress).as("ranges kept for the next run").isNotNull();
    assertThat(progress.ranges()).hasSize(10);
    assertThat(progress.ranges()).anyMatch(r -> !r.done());
    assertThat(progress.ranges()).anyMatch(r -> r.done() || !r.after().isEmpty());

    SyncReport resumed = run(2, 100);

    assertThat(resumed.failure()).isEmpty();
    assertThat(source.splitPointCalls()).as("the plan is kept, not made again").isEqualTo(1);
    assertThat(resumed.tables().get(0).rowsRead()).as("not started over").isLessThan(ROWS - ROWS / 50 - 100);
    assertThat(destination.table(PATIENTS)).hasSize(ROWS - ROWS / 50);
    assertThat(state.state().table("patients").firstSync()).isNull();
    assertThat(state.state().table("patients").position().cursor()).isEqualTo("2024-05-01T10:01:36.000000");
  }

  @Test
  void withoutWatermarkTheFirstSyncIsAnOrdinaryCursorScan() {
    InMemoryStateStore fresh = new InMemoryStateStore();
    source.watermark(Optional.empty());
    SyncConfig config = new SyncConfig(List.of(request(PATIENTS)), "created_at", 40, DateTimePolicy.KEEP_NAIVE,
        RowErrorPolicy.SKIP);
    new SyncUseCase(source, new InMemoryDestination(), fresh, config, new Tuning(3, Tuning.DEFAULT_BATCH_BYTES, 1, 100),
        SyncObserver.NONE, Clock.fixed(now, ZoneOffset.UTC)).run();
    assertThat(source.splitPointCalls()).isZero();
    assertThat(fresh.state().table("patients").position().key()).isNotEmpty();
  }

  @Test
  void whenRangesCannotBePlannedTheFirstSyncIsACursorScanWithAWarning() {
    source.failSplitPoints(true);
    List<String> warnings = new ArrayList<>();
    SyncConfig config = new SyncConfig(List.of(request(PATIENTS)), "created_at", 40, DateTimePolicy.KEEP_NAIVE,
        RowErrorPolicy.SKIP, Duration.ZERO, Duration.ofSeconds(5));
    SyncReport report = new SyncUseCase(source, destination, state, config,
        new Tuning(3, Tuning.DEFAULT_BATCH_BYTES, 1, 100), new SyncObserver() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        }, Clock.fixed(now, ZoneOffset.UTC)).run();

    assertThat(report.failure()).isEmpty();
    assertThat(source.splitPointCalls()).isEqualTo(1);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("patients").contains("cannot plan key ranges"));
    assertThat(destination.table(PATIENTS)).hasSize(ROWS - ROWS / 50);
    assertThat(report.tables().get(0).rowsRead()).isEqualTo(ROWS - ROWS / 50);
    assertThat(state.state().table("patients").position().key()).isNotEmpty();
  }
}
