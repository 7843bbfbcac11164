package io.tidbsync.domain.config;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.model.TableRequest;
import java.util.List;

/**
 * What to sync and how: the requested tables (empty: every base table of the database, with the
 * default cursor column and each table's own primary key), rows per batch, and policies.
 */
public record SyncConfig(
    List<TableRequest> tables,
    String defaultCursorColumn,
    int batchSize,
    DateTimePolicy dateTimePolicy,
    RowErrorPolicy rowErrorPolicy) {

  public static final int DEFAULT_BATCH_SIZE = 10_000;
  public static final String DEFAULT_CURSOR_COLUMN = "created_at";

  public SyncConfig {
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    requireNonNull(defaultCursorColumn, "defaultCursorColumn is null");
    requireNonNull(dateTimePolicy, "dateTimePolicy is null");
    requireNonNull(rowErrorPolicy, "rowErrorPolicy is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
  }
}
