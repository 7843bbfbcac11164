package io.tidbsync.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * What the state remembers of one table. {@code lastCreated} is the seed's
 * {@code <table>_last_created} text (ISO-8601 with {@code +00:00}); {@code position} is the exact
 * keyset position; the two error markers are the seed's and are cleared when the table next
 * succeeds; {@code quarantine} lists rows waiting to be re-read; {@code firstSync} is the progress
 * of a first sync split into key ranges, while one is under way; {@code destinationTable} is the
 * identity of the destination table the position's rows went to (see {@link PreparedTable}). Absent
 * parts are {@code null}.
 */
public record TableState(
    String lastCreated,
    StoredPosition position,
    String lastError,
    RowErrorSample lastRowError,
    List<QuarantinedRow> quarantine,
    FirstSyncRanges firstSync,
    String destinationTable) {

  public static final TableState EMPTY = new TableState(null, null, null, null, List.of(), null, null);

  public TableState {
    quarantine = quarantine == null ? List.of() : List.copyOf(quarantine);
  }

  public TableState(String lastCreated, StoredPosition position, String lastError, RowErrorSample lastRowError) {
    this(lastCreated, position, lastError, lastRowError, List.of(), null, null);
  }

  public TableState(String lastCreated, StoredPosition position, String lastError, RowErrorSample lastRowError,
      List<QuarantinedRow> quarantine) {
    this(lastCreated, position, lastError, lastRowError, quarantine, null, null);
  }

  public TableState(String lastCreated, StoredPosition position, String lastError, RowErrorSample lastRowError,
      List<QuarantinedRow> quarantine, FirstSyncRanges firstSync) {
    this(lastCreated, position, lastError, lastRowError, quarantine, firstSync, null);
  }

  /** Whether a read would start anywhere but the table's beginning. */
  public boolean hasProgress() {
    return position != null || lastCreated != null || firstSync != null;
  }

  /** The same table read again from its beginning: no position, no first-sync progress. */
  public TableState withoutProgress() {
    return new TableState(null, null, lastError, lastRowError, quarantine, null, destinationTable);
  }

  public TableState withDestinationTable(String identity) {
    return new TableState(lastCreated, position, lastError, lastRowError, quarantine, firstSync, identity);
  }

  public Optional<StoredPosition> storedPosition() {
    return Optional.ofNullable(position);
  }

  public TableState withPosition(StoredPosition newPosition, String newLastCreated) {
    return new TableState(newLastCreated == null ? lastCreated : newLastCreated, newPosition, lastError,
        lastRowError, quarantine, firstSync, destinationTable);
  }

  public TableState withLastError(String error) {
    return new TableState(lastCreated, position, error, lastRowError, quarantine, firstSync, destinationTable);
  }

  public TableState withLastRowError(RowErrorSample sample) {
    return new TableState(lastCreated, position, lastError, sample, quarantine, firstSync, destinationTable);
  }

  public TableState withQuarantine(List<QuarantinedRow> rows) {
    return new TableState(lastCreated, position, lastError, lastRowError, rows, firstSync, destinationTable);
  }

  public TableState withFirstSync(FirstSyncRanges progress) {
    return new TableState(lastCreated, position, lastError, lastRowError, quarantine, progress, destinationTable);
  }

  public boolean isEmpty() {
    return lastCreated == null && position == null && lastError == null && lastRowError == null
        && quarantine.isEmpty() && firstSync == null && destinationTable == null;
  }
}
