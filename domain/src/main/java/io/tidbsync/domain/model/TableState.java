package io.tidbsync.domain.model;

import java.util.List;
import java.util.Optional;

/**
 * What the state remembers of one table. {@code lastCreated} is the seed's
 * {@code <table>_last_created} text (ISO-8601 with {@code +00:00}); {@code position} is the exact
 * keyset position; the two error markers are the seed's and are cleared when the table next
 * succeeds; {@code quarantine} lists rows waiting to be re-read. Absent parts are {@code null}.
 */
public record TableState(
    String lastCreated,
    StoredPosition position,
    String lastError,
    RowErrorSample lastRowError,
    List<QuarantinedRow> quarantine) {

  public static final TableState EMPTY = new TableState(null, null, null, null, List.of());

  public TableState {
    quarantine = quarantine == null ? List.of() : List.copyOf(quarantine);
  }

  public TableState(String lastCreated, StoredPosition position, String lastError, RowErrorSample lastRowError) {
    this(lastCreated, position, lastError, lastRowError, List.of());
  }

  public Optional<StoredPosition> storedPosition() {
    return Optional.ofNullable(position);
  }

  public TableState withPosition(StoredPosition newPosition, String newLastCreated) {
    return new TableState(newLastCreated == null ? lastCreated : newLastCreated, newPosition, lastError,
        lastRowError, quarantine);
  }

  public TableState withLastError(String error) {
    return new TableState(lastCreated, position, error, lastRowError, quarantine);
  }

  public TableState withLastRowError(RowErrorSample sample) {
    return new TableState(lastCreated, position, lastError, sample, quarantine);
  }

  public TableState withQuarantine(List<QuarantinedRow> rows) {
    return new TableState(lastCreated, position, lastError, lastRowError, rows);
  }

  public boolean isEmpty() {
    return lastCreated == null && position == null && lastError == null && lastRowError == null
        && quarantine.isEmpty();
  }
}
