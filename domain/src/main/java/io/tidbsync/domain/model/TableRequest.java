package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the configuration asks of one table: its primary key (empty: take the table's own), the
 * cursor column that orders incremental reads (empty: full refresh, every row every run), an
 * optional vector column hint, whether to detect deletes, and whether rows whose cursor is NULL
 * are copied (by a full pass over them each run) or only counted.
 */
public record TableRequest(
    TableId table,
    List<String> primaryKey,
    Optional<String> cursorColumn,
    Optional<VectorHint> vector,
    boolean detectDeletes,
    boolean includeNullCursor) {
  public TableRequest {
    requireNonNull(table, "table is null");
    primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
    requireNonNull(cursorColumn, "cursorColumn is null");
    requireNonNull(vector, "vector is null");
  }

  /** An incremental table on {@code cursorColumn}, without delete detection. */
  public TableRequest(TableId table, List<String> primaryKey, String cursorColumn, Optional<VectorHint> vector) {
    this(table, primaryKey, Optional.of(cursorColumn), vector, false, false);
  }
}
