package io.tidbsync.domain.model;

import java.util.Optional;

/**
 * What the state remembers of one table. {@code lastCreated} is the seed's
 * {@code <table>_last_created} text (ISO-8601 with {@code +00:00}); {@code position} is the exact
 * keyset position; the two error markers are the seed's and are cleared when the table next
 * succeeds. Absent parts are {@code null}.
 */
public record TableState(
    String lastCreated, StoredPosition position, String lastError, RowErrorSample lastRowError) {

  public static final TableState EMPTY = new TableState(null, null, null, null);

  public Optional<StoredPosition> storedPosition() {
    return Optional.ofNullable(position);
  }

  public TableState withPosition(StoredPosition newPosition, String newLastCreated) {
    return new TableState(
        newLastCreated == null ? lastCreated : newLastCreated, newPosition, lastError, lastRowError);
  }

  public TableState withLastError(String error) {
    return new TableState(lastCreated, position, error, lastRowError);
  }

  public TableState withLastRowError(RowErrorSample sample) {
    return new TableState(lastCreated, position, lastError, sample);
  }

  public boolean isEmpty() {
    return lastCreated == null && position == null && lastError == null && lastRowError == null;
  }
}
