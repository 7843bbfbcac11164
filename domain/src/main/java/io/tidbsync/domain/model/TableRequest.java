package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the configuration asks of one table: its primary key (empty: take the table's own), the
 * cursor column, and an optional vector column hint.
 */
public record TableRequest(
    TableId table, List<String> primaryKey, String cursorColumn, Optional<VectorHint> vector) {
  public TableRequest {
    requireNonNull(table, "table is null");
    primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
    requireNonNull(cursorColumn, "cursorColumn is null");
    requireNonNull(vector, "vector is null");
  }
}
