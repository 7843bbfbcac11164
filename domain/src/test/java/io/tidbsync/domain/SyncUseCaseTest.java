package io.tidbsync.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.failure.SyncFailure;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.StoredPosition;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.model.VectorHint;
import io.tidbsync.domain.normalize.RowNormalizer;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemorySource;
import io.tidbsync.domain.testing.InMemoryStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class SyncUseCaseTest {
  static final TableId PATIENTS = TableId.of("patients");
  static final TableId SPOTS = TableId.of("usual_spots");
  static final LocalDateTime T0 = LocalDateTime.of(2024, 5, 1, 10, 0);

  static TableSchema patients() {
    return new TableSchema(PATIENTS, List.of(
        new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
        new ColumnSpec("name", new LogicalType.StringType(), true, "varchar(40)"),
        new ColumnSpec("created_at", new LogicalType.NaiveDateTimeType(), true, "datetime(6)")),
        List.of("id"), Optional.empty());
  }

  static TableSchema spots() {
    return new TableSchema(SPOTS, List.of(
        new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
        new ColumnSpec("embedding", LogicalType.VectorType.of(2), true, "text"),
        new ColumnSpec("created_at", new LogicalType.NaiveDateTimeType(), true, "datetime")),
        List.of("id"), Optional.empty());
  }

  static List<Row> patientRows(int count, int distinctTimes) {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      rows.add(Row.of((long) i, "p" + i, T0.plusSeconds(i % distinctTimes)));
    }
    return rows;
  }

  static SyncConfig config(int batch, RowErrorPolicy policy, TableRequest... requests) {
    return new SyncConfig(List.of(requests), "created_at", batch, DateTimePolicy.KEEP_NAIVE, policy);
  }

  static SyncConfig noLookBack(int batch, TableRequest... requests) {
    return new SyncConfig(List.of(requests), "created_at", batch, DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE,
        Duration.ZERO, Duration.ofSeconds(5));
  }

  static TableRequest request(TableId table) {
    return new TableRequest(table, List.of("id"), "created_at", Optional.empty());
  }

  final InMemorySource source = new InMemorySource();
  final InMemoryDestination destination = new InMemoryDestination();
  final InMemoryStateStore state = new InMemoryStateStore();

  SyncReport run(SyncConfig config) {
    return new SyncUseCase(source, destination, state, config, SyncObserver.NONE).run();
  }

  @Test
  void perTableOptionsNamingATableTheSourceLacksStopTheRunBeforeAnythingIsWritten() {
    source.table(patients(), patientRows(5, 5));
    source.table(spots(), List.of());
    SyncConfig misspelt = new SyncConfig(List.of(request(PATIENTS)), "created_at",
        java.util.Map.of("patient", "created_at"), java.util.Set.of(), java.util.Set.of("sometimes", "usual_spots"),
        true, 100, DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE, Duration.ZERO, Duration.ofSeconds(5));
    SyncReport report = run(misspelt);
    assertThat(report.failure()).get().isInstanceOf(SyncFailure.ConfigurationInvalid.class);
    assertThat(report.failure().get().message())
        .contains("CURSOR_COLUMNS names table patient, which the source database does not have (did you mean patients?)")
        .contains("DELETE_DETECTION names table sometimes").contains("it takes none, all, or table names")
        .doesNotContain("usual_spots");
    assertThat(destination.table(PATIENTS)).isEmpty();
    assertThat(state.state().tables()).isEmpty();
  }

  SyncReport runWithStoredPosition(StoredPosition position) {
    source.table(patients(), patientRows(5, 5));
    state.save(SyncState.EMPTY.withTable("patients", TableState.EMPTY.withPosition(position, null)));
    return run(noLookBack(100, request(PATIENTS)));
  }

  @Test
  void aStoredCursorThatIsNotOfTheColumnsTypeStopsTheRunNamingTableAndValue() {
    assertThatThrownBy(() -> runWithStoredPosition(new StoredPosition("created_at", "garbage", List.of("3"))))
        .isInstanceOf(io.tidbsync.domain.failure.StateException.class)
        .hasMessageContaining("state of table patients: the stored cursor created_at = \"garbage\" is not a")
        .hasMessageContaining("tidb-sync reset patients");
    assertThat(destination.table(PATIENTS)).isEmpty();
  }

  @Test
  void aStoredKeyThatIsNotANumberStopsTheRunNamingTableAndKey() {
    assertThatThrownBy(() -> runWithStoredPosition(new StoredPosition("created_at", "2024-05-01T10:00:01", List.of("x7"))))
        .isInstanceOf(io.tidbsync.domain.failure.StateException.class)
        .hasMessageContaining("state of table patients: the stored key id = \"x7\" is not a LONG value");
    assertThat(destination.table(PATIENTS)).isEmpty();
  }

  @Test
  void aStoredCursorFarInTheFutureStopsTheRunInsteadOfReadingNothing() {
    Clock clock = Clock.fixed(T0.plusMinutes(1).toInstant(java.time.ZoneOffset.UTC), java.time.ZoneOffset.UTC);
    source.table(patients(), patientRows(5, 5));
    state.save(SyncState.EMPTY.withTable("patients", TableState.EMPTY.withPosition(
        new StoredPosition("created_at", "2099-01-01T00:00", List.of("1")), null)));
    assertThatThrownBy(() -> new SyncUseCase(source, destination, state, noLookBack(100, request(PATIENTS)),
        SyncObserver.NONE, clock).run())
        .hasMessageContaining("state of table patients: the stored cursor created_at = 2099-01-01T00:00:00Z is in the future");
    // A day ahead is still taken as it is: naive date-times may be in the source's own zone.
    state.save(SyncState.EMPTY.withTable("patients", TableState.EMPTY.withPosition(
        new StoredPosition("created_at", "2024-05-01T20:00", List.of("1")), null)));
    assertThat(new SyncUseCase(source, destination, state, noLookBack(100, request(PATIENTS)), SyncObserver.NONE, clock)
        .run().failure()).isEmpty();
  }

  @Test
  void optionsNamingSyncedTablesAndTheWildcardAreAccepted() {
    source.table(patients(), patientRows(5, 5));
    SyncConfig fine = new SyncConfig(List.of(), "created_at", java.util.Map.of("patients", "created_at"),
        java.util.Set.of(), java.util.Set.of("*"), true, 100, DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE,
        Duration.ZERO, Duration.ofSeconds(5));
    assertThat(run(fine).failure()).isEmpty();
    assertThat(destination.table(PATIENTS)).hasSize(5);
  }

  @Test
  void rowsSharingOneCursorValueAcrossPageBoundariesAreAllCopiedOnce() {
    source.table(patients(), patientRows(100, 3));
    SyncReport report = run(config(7, RowErrorPolicy.SKIP, request(PATIENTS)));
    assertThat(report.failure()).isEmpty();
    assertThat(destination.table(PATIENTS)).hasSize(100);
    assertThat(report.tables().get(0).rowsRead()).isEqualTo(100);
    assertThat(destination.upsertedRows()).isEqualTo(100);
  }

  @Test
  void aSecondRunReadsOnlyNewRowsAndKeepsTheSeedKey() {
    source.table(patients(), patientRows(20, 20));
    run(config(5, RowErrorPolicy.SKIP, request(PATIENTS)));
    TableState after = state.state().table("patients");
    assertThat(after.lastCreated()).isEqualTo("2024-05-01T10:00:19+00:00");
    assertThat(after.position().key()).containsExactly("19");

    source.insert(PATIENTS, Row.of(21L, "late", T0.plusSeconds(30)));
    SyncReport second = run(noLookBack(5, request(PATIENTS)));
    assertThat(second.tables().get(0).rowsRead()).isEqualTo(1);
    assertThat(destination.table(PATIENTS)).hasSize(21);
  }

  @Test
  void theLookBackWindowCatchesRowsCommittedLateWithAnEarlierCursorAndReportsRereadsAsUnchanged() {
    source.table(patients(), patientRows(20, 20));
    run(config(5, RowErrorPolicy.SKIP, request(PATIENTS)));
    // committed after the first run had passed 10:00:19, stamped 10:00:05 by its long transaction
    source.insert(PATIENTS, Row.of(99L, "late commit", T0.plusSeconds(5)));
    SyncReport second = run(config(5, RowErrorPolicy.SKIP, request(PATIENTS)));
    assertThat(destination.table(PATIENTS)).containsKey(List.of(99L));
    assertThat(second.tables().get(0).rowsRead()).isEqualTo(21);
    assertThat(second.tables().get(0).rowsUnchanged()).isEqualTo(20);
    SyncReport third = run(noLookBack(5, request(PATIENTS)));
    assertThat(third.tables().get(0).rowsRead()).isZero();
  }

  @Test
  void aFutureDatedRowDoesNotMoveTheStoredCursorPastNowPlusSkew() {
    source.table(patients(), List.of(Row.of(1L, "a", T0), Row.of(2L, "future", T0.plusYears(10))));
    Clock clock = Clock.fixed(T0.plusMinutes(1).toInstant(java.time.ZoneOffset.UTC), java.time.ZoneOffset.UTC);
    new SyncUseCase(source, destination, state, noLookBack(10, request(PATIENTS)), SyncObserver.NONE, clock).run();
    assertThat(state.state().table("patients").position().cursor()).isEqualTo("2024-05-01T10:01:05.000000");
    assertThat(state.state().table("patients").position().key()).isEmpty();
    // Without the cap the stored cursor would be ten years ahead and this row would wait a decade.
    source.insert(PATIENTS, Row.of(3L, "arrives later", T0.plusMinutes(2)));
    Clock later = Clock.offset(clock, Duration.ofMinutes(2));
    new SyncUseCase(source, destination, state, noLookBack(10, request(PATIENTS)), SyncObserver.NONE, later).run();
    assertThat(destination.table(PATIENTS)).containsKey(List.of(3L));
  }

  @Test
  void anOpenTransactionHoldsNewerRowsBackButAForgottenOneDoesNotStallTheTable() {
    source.table(patients(), List.of(Row.of(1L, "old", T0), Row.of(2L, "new", T0.plusMinutes(30))));
    Clock clock = Clock.fixed(T0.plusMinutes(40).toInstant(java.time.ZoneOffset.UTC), java.time.ZoneOffset.UTC);
    source.watermark(Optional.of(T0.plusMinutes(10).toInstant(java.time.ZoneOffset.UTC)));
    List<String> warnings = new java.util.ArrayList<>();
    SyncObserver observer = new SyncObserver() {
      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
    new SyncUseCase(source, destination, state, noLookBack(10, request(PATIENTS)), observer, clock).run();
    assertThat(destination.table(PATIENTS)).containsOnlyKeys(List.of(1L));
    assertThat(warnings).isEmpty();

    Clock muchLater = Clock.offset(clock, Duration.ofHours(3));
    new SyncUseCase(source, destination, state, noLookBack(10, request(PATIENTS)), observer, muchLater).run();
    assertThat(destination.table(PATIENTS)).containsKey(List.of(2L));
    assertThat(warnings).singleElement().asString().contains("no longer holds rows back");
  }

  @Test
  void quarantinedRowsAreSavedWithThePositionAndRereadUntilTheyConvert() {
    source.table(spots(), List.of(Row.of(1L, "[1,2]", T0), Row.of(2L, "[1,oops]", T0.plusSeconds(1)),
        Row.of(3L, "[3,4]", T0.plusSeconds(2))));
    SyncReport first = run(noLookBack(10, request(SPOTS)));
    assertThat(first.failure()).isEmpty();
    assertThat(first.tables().get(0).rowsQuarantined()).isEqualTo(1);
    var quarantine = state.state().table("usual_spots").quarantine();
    assertThat(quarantine).singleElement().satisfies(q -> {
      assertThat(q.key()).containsExactly("2");
      assertThat(q.reason()).contains("embedding");
    });
    assertThat(state.state().table("usual_spots").position().key()).containsExactly("3");

    run(noLookBack(10, request(SPOTS)));
    assertThat(state.state().table("usual_spots").quarantine()).hasSize(1);
    source.rows(SPOTS).set(1, Row.of(2L, "[5,6]", T0.plusSeconds(1)));
    SyncReport fixed = run(noLookBack(10, request(SPOTS)));
    assertThat(fixed.tables().get(0).rowsQuarantined()).isZero();
    assertThat(state.state().table("usual_spots").quarantine()).isEmpty();
    assertThat((float[]) destination.table(SPOTS).get(List.of(2L)).get(1)).containsExactly(5f, 6f);
  }

  @Test
  void aQuarantinedRowDeletedAtTheSourceLeavesTheQuarantine() {
    source.table(spots(), List.of(Row.of(1L, "[x]", T0)));
    run(noLookBack(10, request(SPOTS)));
    assertThat(state.state().table("usual_spots").quarantine()).hasSize(1);
    source.rows(SPOTS).clear();
    run(noLookBack(10, request(SPOTS)));
    assertThat(state.state().table("usual_spots").quarantine()).isEmpty();
  }

  @Test
  void aFullRefreshTableIsReadWhollyByKeyEveryRun() {
    source.table(patients(), patientRows(12, 3));
    TableRequest full = new TableRequest(PATIENTS, List.of("id"), Optional.empty(), Optional.empty(), false, false);
    SyncReport first = run(noLookBack(5, full));
    assertThat(first.tables().get(0).rowsRead()).isEqualTo(12);
    source.rows(PATIENTS).set(0, Row.of(1L, "updated", T0));
    SyncReport second = run(noLookBack(5, full));
    assertThat(second.tables().get(0).rowsRead()).isEqualTo(12);
    assertThat(second.tables().get(0).rowsUnchanged()).isEqualTo(11);
    assertThat(destination.table(PATIENTS).get(List.of(1L)).get(1)).isEqualTo("updated");
  }

  @Test
  void nullCursorRowsAreCountedAndCopiedOnlyWhenAsked() {
    source.table(patients(), List.of(Row.of(1L, "a", T0), Row.of(2L, "no cursor", null), Row.of(3L, "neither", null)));
    SyncReport counted = run(noLookBack(10, request(PATIENTS)));
    assertThat(counted.tables().get(0).nullCursorRows()).isEqualTo(2);
    assertThat(destination.table(PATIENTS)).hasSize(1);
    TableRequest include = new TableRequest(PATIENTS, List.of("id"), Optional.of("created_at"), Optional.empty(), false, true);
    run(noLookBack(1, include));
    assertThat(destination.table(PATIENTS)).hasSize(3);
  }

  @Test
  void deletesAreMarkedAndAReinsertedKeyIsRevived() {
    source.table(patients(), patientRows(5000, 50));
    TableRequest withDeletes = new TableRequest(PATIENTS, List.of("id"), Optional.of("created_at"), Optional.empty(), true, false);
    run(noLookBack(1000, withDeletes));
    source.rows(PATIENTS).removeIf(r -> (Long) r.get(0) % 1000 == 7);
    SyncReport report = run(noLookBack(1000, withDeletes));
    assertThat(report.tables().get(0).rowsDeleted()).isEqualTo(5);
    assertThat(destination.deletedKeys(PATIENTS)).contains(List.of(7L), List.of(4007L));
    assertThat(destination.liveTable(PATIENTS)).hasSize(4995);
    assertThat(run(noLookBack(1000, withDeletes)).tables().get(0).rowsDeleted()).isZero();
    source.insert(PATIENTS, Row.of(7L, "back", T0.plusDays(1)));
    run(noLookBack(1000, withDeletes));
    assertThat(destination.deletedKeys(PATIENTS)).doesNotContain(List.of(7L));
    assertThat(destination.liveTable(PATIENTS).get(List.of(7L)).get(1)).isEqualTo("back");
  }

  /**
   * A state file written by the seed resumes where it stopped against a destination table that
   * holds its rows (here one that existed before the run, as Fivetran's tables do); against a
   * table the destination creates now, which holds none of them, everything is copied.
   */
  @Test
  void resumesFromASeedStateFileInclusiveOfItsTimestamp() {
    source.table(patients(), patientRows(10, 10));
    destination.prepare(new RowNormalizer(DateTimePolicy.KEEP_NAIVE).outputSchema(patients()));
    state.save(state.state().withTable("patients", new TableState("2024-05-01T10:00:07+00:00", null, null, null)));
    SyncReport report = run(noLookBack(100, request(PATIENTS)));
    assertThat(report.tables().get(0).rowsRead()).isEqualTo(3);
    assertThat(destination.table(PATIENTS).keySet()).containsExactlyInAnyOrder(List.of(7L), List.of(8L), List.of(9L));

    InMemoryDestination empty = new InMemoryDestination();
    state.save(SyncState.EMPTY.withTable("patients", new TableState("2024-05-01T10:00:07+00:00", null, null, null)));
    new SyncUseCase(source, empty, state, noLookBack(100, request(PATIENTS)), SyncObserver.NONE).run();
    assertThat(empty.table(PATIENTS)).hasSize(10);
  }

  @Test
  void aFailingTableIsRecordedAndTheOthersGoOn() {
    source.table(patients(), patientRows(5, 5));
    source.table(spots(), List.of(Row.of(1L, "[1,2]", T0)));
    destination.failUpserts(PATIENTS);
    SyncReport report = run(config(10, RowErrorPolicy.SKIP, request(PATIENTS), request(SPOTS)));
    assertThat(report.failure()).containsInstanceOf(SyncFailure.TableFailed.class);
    assertThat(state.state().table("patients").lastError()).contains("injected failure");
    assertThat(state.state().table("patients").position()).isNull();
    assertThat(destination.table(SPOTS)).hasSize(1);
  }

  @Test
  void aMissingCursorColumnFailsOnlyThatTable() {
    source.table(patients(), patientRows(5, 5));
    source.table(spots(), List.of(Row.of(1L, "[1,2]", T0)));
    TableRequest wrongCursor = new TableRequest(PATIENTS, List.of("id"), "updated_at", Optional.empty());
    SyncReport report = run(config(10, RowErrorPolicy.SKIP, wrongCursor, request(SPOTS)));
    assertThat(report.tables()).hasSize(2);
    assertThat(state.state().table("patients").lastError()).contains("updated_at");
    assertThat(report.tables().get(1).failed()).isFalse();
  }

  @Test
  void malformedVectorsAreSkippedWithASampleAndNeverEscape() {
    source.table(spots(), List.of(
        Row.of(1L, "[1,2]", T0), Row.of(2L, "[1,oops]", T0.plusSeconds(1)), Row.of(3L, "[3,4]", T0.plusSeconds(2))));
    SyncReport report = run(config(10, RowErrorPolicy.SKIP, new TableRequest(SPOTS, List.of("id"), "created_at",
        Optional.of(new VectorHint("embedding", OptionalInt.of(2))))));
    assertThat(report.failure()).isEmpty();
    assertThat(report.tables().get(0).rowsSkipped()).isEqualTo(1);
    assertThat(destination.table(SPOTS)).hasSize(2);
    var sample = state.state().table("usual_spots").lastRowError();
    assertThat(sample.rowKey()).isEqualTo("2");
    assertThat(sample.message()).contains("embedding").contains("malformed vector");
  }

  @Test
  void theFailPolicyStopsTheTableBeforeTheBadRow() {
    source.table(spots(), List.of(Row.of(1L, "[1,2]", T0), Row.of(2L, "[x]", T0.plusSeconds(1))));
    SyncReport report = run(config(1, RowErrorPolicy.FAIL, request(SPOTS)));
    assertThat(report.failure()).isPresent();
    assertThat(state.state().table("usual_spots").position().key()).containsExactly("1");
    assertThat(state.state().table("usual_spots").lastError()).contains("ROW_ERROR_POLICY=fail");
  }

  @Test
  void anUnreachableSourceIsRecordedAsTheConnectionError() {
    source.table(patients(), patientRows(5, 5));
    source.unreachable(true);
    SyncReport report = run(config(10, RowErrorPolicy.SKIP, request(PATIENTS)));
    assertThat(report.failure()).containsInstanceOf(SyncFailure.SourceUnreachable.class);
    assertThat(state.state().lastConnectionError()).contains("cannot connect");
    source.unreachable(false);
    run(config(10, RowErrorPolicy.SKIP, request(PATIENTS)));
    assertThat(state.state().lastConnectionError()).isNull();
  }

  @Test
  void errorMarkersAreClearedWhenTheTableNextSucceeds() {
    source.table(patients(), patientRows(5, 5));
    destination.failUpserts(PATIENTS);
    run(config(10, RowErrorPolicy.SKIP, request(PATIENTS)));
    assertThat(state.state().table("patients").lastError()).isNotNull();
    InMemoryDestination healthy = new InMemoryDestination();
    new SyncUseCase(source, healthy, state, config(10, RowErrorPolicy.SKIP, request(PATIENTS)), SyncObserver.NONE).run();
    assertThat(state.state().table("patients").lastError()).isNull();
    assertThat(healthy.table(PATIENTS)).hasSize(5);
  }

  @Test
  void everyTableIsSyncedWhenNoneIsListedAndNaiveTimesBecomeUtcUnderTheSeedPolicy() {
    source.table(patients(), patientRows(3, 3));
    SyncConfig all = new SyncConfig(List.of(), "created_at", 10, DateTimePolicy.ASSUME_UTC, RowErrorPolicy.SKIP);
    run(all);
    assertThat(destination.table(PATIENTS)).hasSize(3);
    assertThat(destination.table(PATIENTS).get(List.of(1L)).get(2)).isEqualTo(Instant.parse("2024-05-01T10:00:01Z"));
  }

  @Test
  void aCrashBetweenUpsertAndCheckpointReplaysTheBatchWithoutLoss() {
    source.table(patients(), patientRows(30, 4));
    state.failAfter(2);
    try {
      run(config(10, RowErrorPolicy.SKIP, request(PATIENTS)));
    } catch (RuntimeException crash) {
      assertThat(crash).hasMessageContaining("injected state failure");
    }
    run(config(10, RowErrorPolicy.SKIP, request(PATIENTS)));
    assertThat(destination.table(PATIENTS)).hasSize(30);
  }
}
