package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

/**
 * The last row of a table that could not be normalized: its key, the reason, and its cursor value,
 * as text. Never holds the row's other values (they may be personal data).
 */
public record RowErrorSample(String table, String rowKey, String message, String cursor) {
  public RowErrorSample {
    requireNonNull(table, "table is null");
    requireNonNull(rowKey, "rowKey is null");
    requireNonNull(message, "message is null");
    requireNonNull(cursor, "cursor is null");
  }
}
