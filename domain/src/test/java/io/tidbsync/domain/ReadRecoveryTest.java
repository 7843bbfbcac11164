package io.tidbsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.failure.SourceRecovery;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SourceSnapshot;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemorySource;
import io.tidbsync.domain.testing.InMemoryStateStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A read that fails with a recoverable source error is read again from the table's last
 * checkpoint: after a pause, in smaller pages, or at a fresh snapshot, with a warning; the table
 * ends complete. The failures are injected at the source port: TiDB's own GC-safe-point error
 * cannot be forced on a single-process server (see the README's TiDB section).
 */
class ReadRecoveryTest {
  final InMemorySource source = new InMemorySource().snapshots(true);
  final InMemoryDestination destination = new InMemoryDestination();
  final InMemoryStateStore state = new InMemoryStateStore();
  final List<String> warnings = new ArrayList<>();

  SyncReport run(int batch) {
    source.watermark(Optional.of(java.time.Instant.now()));
    SyncConfig config = SyncUseCaseTest.noLookBack(batch, SyncUseCaseTest.request(SyncUseCaseTest.PATIENTS));
    Tuning tuning = new Tuning(1, Tuning.DEFAULT_BATCH_BYTES, 1, 0).withRetryPause(Duration.ofMillis(1));
    return new SyncUseCase(source, destination, state, config, tuning, new SyncObserver() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    }, java.time.Clock.systemUTC()).run();
  }

  Set<Long> copiedIds() {
    Set<Long> ids = new TreeSet<>();
    destination.table(SyncUseCaseTest.PATIENTS).values().forEach(r -> ids.add((Long) r.get(0)));
    return ids;
  }

  @Test
  void aSnapshotBehindTheGcSafePointIsRenewedAndTheTableReadAgainFromItsCheckpoint() {
    source.table(SyncUseCaseTest.patients(), SyncUseCaseTest.patientRows(1000, 1000));
    source.failReads(250, SourceRecovery.NEW_SNAPSHOT);

    SyncReport report = run(100);

    assertThat(report.failure()).isEmpty();
    assertThat(report.tables().get(0).outcome()).isInstanceOf(TableOutcome.Synced.class);
    assertThat(copiedIds()).hasSize(1000);
    assertThat(source.renewals()).as(warnings.toString()).isEqualTo(1);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("table patients").contains("is no longer readable")
        .contains("NEW_SNAPSHOT").contains("last checkpoint").contains("at snapshot TSO"));
    // The page that failed is read again from the checkpoint before it: 250 rows are read twice at most.
    assertThat(report.tables().get(0).rowsRead()).isBetween(1000L, 1250L);
    assertThat(state.state().snapshot()).isNotNull();
  }

  @Test
  void aQueryOverTheServersMemoryQuotaIsReadAgainInSmallerPages() {
    source.table(SyncUseCaseTest.patients(), SyncUseCaseTest.patientRows(3000, 3000));
    source.failReads(10, SourceRecovery.SHRINK_PAGE, SourceRecovery.SHRINK_PAGE);

    SyncReport report = run(2000);

    assertThat(report.failure()).isEmpty();
    assertThat(copiedIds()).hasSize(3000);
    assertThat(source.pageLimits()).startsWith(2000, 500, 125).contains(125);
    assertThat(source.pageLimits().subList(2, source.pageLimits().size())).containsOnly(125);
    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("in pages of"));
  }

  @Test
  void passingErrorsAreReadAgainAfterAPauseAndTooManyFailTheTable() {
    source.table(SyncUseCaseTest.patients(), SyncUseCaseTest.patientRows(500, 500));
    source.failReads(50, SourceRecovery.RETRY, SourceRecovery.RETRY);
    assertThat(run(100).failure()).isEmpty();
    assertThat(copiedIds()).hasSize(500);
    assertThat(warnings).hasSize(2).allSatisfy(w -> assertThat(w).contains("injected RETRY failure").contains(" ms"));

    for (int i = 0; i < ReadRecovery.MAX_ATTEMPTS; i++) {
      source.failReads(0, SourceRecovery.RETRY);
    }
    SyncReport failed = run(100);
    assertThat(failed.tables().get(0).outcome()).isInstanceOf(TableOutcome.Failed.class);
    assertThat(((TableOutcome.Failed) failed.tables().get(0).outcome()).reason()).contains("injected RETRY failure");
  }

  @Test
  void anErrorNothingCuresFailsTheTableAtOnce() {
    source.table(SyncUseCaseTest.patients(), SyncUseCaseTest.patientRows(500, 500));
    source.failReads(50, SourceRecovery.FAIL_TABLE);
    SyncReport report = run(100);
    assertThat(report.tables().get(0).outcome()).isInstanceOf(TableOutcome.Failed.class);
    assertThat(warnings).isEmpty();
    assertThat(source.pageLimits()).hasSize(1);
  }

  /**
   * Every read of a run is at one snapshot: rows inserted and updated at the source while the run
   * reads are absent from that run, and present after the next.
   */
  @Test
  void rowsChangedDuringARunAreAbsentFromItAndPresentAfterTheNext() {
    List<Row> rows = SyncUseCaseTest.patientRows(1000, 1000);
    source.table(SyncUseCaseTest.patients(), rows);
    SyncConfig config = SyncUseCaseTest.noLookBack(100, SyncUseCaseTest.request(SyncUseCaseTest.PATIENTS));
    SyncObserver changer = new SyncObserver() {
      boolean changed;

      @Override
      public synchronized void batchWritten(io.tidbsync.domain.model.TableId table, long rowsReadSoFar) {
        if (!changed) {
          changed = true;
          // An update of a row not yet read, and a row inserted within the run's watermark.
          source.update(SyncUseCaseTest.PATIENTS, 899, Row.of(900L, "updated", rows.get(899).get(2)));
          source.insert(SyncUseCaseTest.PATIENTS, Row.of(5000L, "inserted", rows.get(10).get(2)));
        }
      }
    };
    SyncReport first = new SyncUseCase(source, destination, state, config, Tuning.DEFAULTS, changer,
        java.time.Clock.systemUTC()).run();
    source.close();

    Optional<SourceSnapshot> firstSnapshot = first.snapshot();
    assertThat(firstSnapshot).isPresent();
    assertThat(copiedIds()).hasSize(1000).doesNotContain(5000L);
    assertThat(destination.table(SyncUseCaseTest.PATIENTS).get(List.of(900L)).get(1)).isEqualTo("p900");

    SyncConfig lookBack = SyncUseCaseTest.config(100, RowErrorPolicy.QUARANTINE,
        SyncUseCaseTest.request(SyncUseCaseTest.PATIENTS));
    SyncReport second = new SyncUseCase(source, destination, state, lookBack, SyncObserver.NONE).run();
    assertThat(second.snapshot().orElseThrow().tso()).isGreaterThan(firstSnapshot.get().tso());
    assertThat(copiedIds()).hasSize(1001).contains(5000L);
    assertThat(destination.table(SyncUseCaseTest.PATIENTS).get(List.of(900L)).get(1)).isEqualTo("updated");
    assertThat(state.state().snapshot()).isEqualTo(second.snapshot().get());
  }
}
