package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.failure.StateException;

import io.tidbsync.domain.model.FirstSyncRanges;
import io.tidbsync.domain.model.QuarantinedRow;
import io.tidbsync.domain.model.RowErrorSample;
import io.tidbsync.domain.model.StoredPosition;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.StatePort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every {@link StatePort} must do (architecture.md, "StatePort"). */
public abstract class StatePortContract {
  protected abstract StatePort newStore();

  /** Leaves behind what a crash in the middle of saving {@code state} would leave. */
  protected abstract void crashDuringSave(StatePort store, SyncState state);

  static SyncState sample() {
    return SyncState.EMPTY
        .withTable("patients", new TableState("2024-05-01T10:00:00.123456+00:00",
            new StoredPosition("created_at", "2024-05-01T10:00:00.123456", List.of("42", "a,b")), null, null,
            List.of(new QuarantinedRow(List.of("7", "x"), "column v: malformed vector", "2024-01-01T00:00:00.000000")))
            .withDestinationTable("3f1e0c52-5d6b-4b51-9a51-0d2b1e0f6a77"))
        .withTable("big", TableState.EMPTY.withFirstSync(new FirstSyncRanges("updated_at", "2024-05-01T10:00:00.000000",
            List.of(new FirstSyncRanges.KeyRange(List.of(), List.of("1000"), true),
                new FirstSyncRanges.KeyRange(List.of("1000"), List.of("2000"), false),
                new FirstSyncRanges.KeyRange(List.of("2417"), List.of(), false)))))
        .withTable("only_quarantine", TableState.EMPTY.withQuarantine(
            List.of(new QuarantinedRow(List.of("1"), "bad", ""))))
        .withTable("order", new TableState(null, null, "table order: cursor column created_at does not exist",
            new RowErrorSample("order", "7", "column v: \"quoted\" problem", "2024-01-01T00:00:00.000000")))
        .withLastConnectionError("cannot connect to h:4000/db as u: refused")
        .withSnapshot(io.tidbsync.domain.model.SourceSnapshot.ofTso(470839415573053440L));
  }

  /** Loads with a new store, closed afterwards (stores hold a lock while open). */
  SyncState loadFresh() {
    try (StatePort store = newStore()) {
      return store.load();
    }
  }

  @Test
  void loadOnANewStoreReturnsEmptyState() {
    assertThat(loadFresh()).isEqualTo(SyncState.EMPTY);
  }

  @Test
  void saveThenLoadRoundTripsExactly() {
    try (StatePort store = newStore()) {
      store.save(sample());
    }
    assertThat(loadFresh()).isEqualTo(sample());
  }

  @Test
  void aLaterSaveReplacesTheEarlierOne() {
    SyncState cleared = sample().withTable("order", TableState.EMPTY).withLastConnectionError(null);
    try (StatePort store = newStore()) {
      store.save(sample());
      store.save(cleared);
      assertThat(store.load()).isEqualTo(cleared);
    }
    SyncState loaded = loadFresh();
    assertThat(loaded).isEqualTo(cleared);
    assertThat(loaded.tables()).containsOnlyKeys("big", "patients", "only_quarantine");
  }

  @Test
  void aCrashDuringSaveLeavesTheOldState() {
    try (StatePort store = newStore()) {
      store.save(sample());
      crashDuringSave(store, sample().withTable("patients", TableState.EMPTY));
    }
    assertThat(loadFresh()).isEqualTo(sample());
  }

  @Test
  void entriesTheStoreDoesNotKnowSurviveASave() {
    try (StatePort store = newStore()) {
      store.save(new SyncState(Map.of(), null, Map.of("custom", "{\"offset\":100}")));
    }
    assertThat(loadFresh().passthrough()).containsEntry("custom", "{\"offset\":100}");
  }

  @Test
  void aSecondRunOnTheSameStateFailsFastUntilTheFirstEnds() {
    try (StatePort first = newStore()) {
      first.save(sample());
      assertThat(first.load()).isEqualTo(sample());
      try (StatePort second = newStore()) {
        assertThatThrownBy(second::load).isInstanceOf(StateException.class)
            .hasMessageContaining("another sync holds the lock");
        assertThatThrownBy(() -> second.save(SyncState.EMPTY)).isInstanceOf(StateException.class)
            .hasMessageContaining("another sync holds the lock");
      }
      assertThat(first.load()).as("the first run's state is untouched").isEqualTo(sample());
    }
    assertThat(loadFresh()).isEqualTo(sample());
  }

  /** Whether a second reader can open this store while a run holds it (not a DuckDB file). */
  protected boolean readableBesideARun() {
    return true;
  }

  @Test
  void peekShowsTheLastSavedStateWithoutTheLock() {
    try (StatePort fresh = newStore()) {
      assertThat(fresh.peek()).isEqualTo(SyncState.EMPTY);
    }
    try (StatePort run = newStore()) {
      run.save(sample());
      if (readableBesideARun()) {
        try (StatePort reader = newStore()) {
          assertThat(reader.peek()).isEqualTo(sample());
        }
      }
    }
    try (StatePort reader = newStore()) {
      assertThat(reader.peek()).isEqualTo(sample());
      assertThat(reader.load()).as("peeking took no lock").isEqualTo(sample());
    }
  }
}
