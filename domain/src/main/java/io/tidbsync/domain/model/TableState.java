package io.tidbsync.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * What the state remembers of one table. {@code lastCreated} is the seed's
 * {@code <table>_last_created} text (ISO-8601 with {@code +00:00}); {@code position} is the exact
 * keyset position; the two error markers are the seed's and are cleared when the table next
 * succeeds; {@code quarantine} lists rows waiting to be re-read; {@code firstSync} is the progress
 * of a first sync split into key ranges, while one is under way. Absent parts are {@code null}.
 */
public record TableState(
    String lastCreated,
    StoredPosition position,
    String lastError,
    RowErrorSample lastRowError,
    List<QuarantinedRow> quarantine,
    FirstSyncRanges firstSync) {

  public static final TableState EMPTY = new TableState(null, null, null, null, List.of(), null);

  public TableState {
    quarantine = quarantine == null ? List.of() : List.copyOf(quarantine);
  }

  public TableState(String lastCreated, StoredPosition position, String lastError, RowErrorSample lastRowError) {
    this(lastCreated, position, lastError, lastRowError, List.of(), null);
  }

  public TableState(String lastCreated, StoredPosition position, String lastError, RowErrorSample lastRowError,
      List<QuarantinedRow> quarantine) {
    this(lastCreated, position, lastError, lastRowError, quarantine, null);
  }

  public Optional<StoredPosition> storedPosition() {
    return Optional.ofNullable(position);
  }

  public TableState withPosition(StoredPosition newPosition, String newLastCreated) {
    return new TableState(newLastCreated == null ? lastCreated : newLastCreated, newPosition, lastError,
        lastRowError, quarantine, firstSync);
  }

  public TableState withLastError(String error) {
    return new TableState(lastCreated, position, error, lastRowError, quarantine, firstSync);
  }

  public TableState withLastRowError(RowErrorSample sample) {
    return new TableState(lastCreated, position, lastError, sample, quarantine, firstSync);
  }

  public TableState withQuarantine(List<QuarantinedRow> rows) {
    return new TableState(lastCreated, position, lastError, lastRowError, rows, firstSync);
  }

  public TableState withFirstSync(FirstSyncRanges progress) {
    return new TableState(lastCreated, position, lastError, lastRowError, quarantine, progress);
  }

  public boolean isEmpty() {
    return lastCreated == null && position == null && lastError == null && lastRowError == null
        && quarantine.isEmpty() && firstSync == null;
  }
}
