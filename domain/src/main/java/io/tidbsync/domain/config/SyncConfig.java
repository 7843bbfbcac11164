package io.tidbsync.domain.config;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.VectorHint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to sync and how. {@code tables} lists the requested tables (empty: every base table of the
 * database, each made by {@link #requestFor}). Per table: the cursor column ({@code cursorColumns}
 * overrides {@code defaultCursorColumn}), full refresh for {@code fullRefreshTables}, delete
 * detection for {@code deleteTables} ({@code "*"}: all), and whether NULL-cursor rows are copied.
 * The look-back window is re-read before each stored position; the clock-skew margin caps stored
 * cursors at now plus skew.
 */
public record SyncConfig(
    List<TableRequest> tables,
    String defaultCursorColumn,
    Map<String, String> cursorColumns,
    Set<String> fullRefreshTables,
    Set<String> deleteTables,
    boolean includeNullCursor,
    int batchSize,
    DateTimePolicy dateTimePolicy,
    RowErrorPolicy rowErrorPolicy,
    Duration lookBack,
    Duration clockSkew) {

  public static final int DEFAULT_BATCH_SIZE = 10_000;
  public static final String DEFAULT_CURSOR_COLUMN = "created_at";
  /** TiDB aborts a transaction older than its default {@code max-txn-ttl}, one hour. */
  public static final Duration DEFAULT_LOOK_BACK = Duration.ofHours(1);
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(5);
  /** More quarantined rows than this fail the table: something is wrong with the whole table. */
  public static final int MAX_QUARANTINED_ROWS = 10_000;
  public static final String ALL_TABLES = "*";

  public SyncConfig {
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    requireNonNull(defaultCursorColumn, "defaultCursorColumn is null");
    cursorColumns = Map.copyOf(requireNonNull(cursorColumns, "cursorColumns is null"));
    fullRefreshTables = Set.copyOf(requireNonNull(fullRefreshTables, "fullRefreshTables is null"));
    deleteTables = Set.copyOf(requireNonNull(deleteTables, "deleteTables is null"));
    requireNonNull(dateTimePolicy, "dateTimePolicy is null");
    requireNonNull(rowErrorPolicy, "rowErrorPolicy is null");
    requireNonNull(lookBack, "lookBack is null");
    requireNonNull(clockSkew, "clockSkew is null");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batchSize must be positive: " + batchSize);
    }
    if (lookBack.isNegative() || clockSkew.isNegative()) {
      throw new IllegalArgumentException("lookBack and clockSkew must not be negative");
    }
  }

  /** The same options for these tables instead. */
  public SyncConfig withTables(List<TableRequest> newTables) {
    return new SyncConfig(newTables, defaultCursorColumn, cursorColumns, fullRefreshTables, deleteTables,
        includeNullCursor, batchSize, dateTimePolicy, rowErrorPolicy, lookBack, clockSkew);
  }

  /** Tables given explicitly, no per-table options, the given look-back and skew. */
  public SyncConfig(List<TableRequest> tables, String defaultCursorColumn, int batchSize,
      DateTimePolicy dateTimePolicy, RowErrorPolicy rowErrorPolicy, Duration lookBack, Duration clockSkew) {
    this(tables, defaultCursorColumn, Map.of(), Set.of(), Set.of(), false, batchSize, dateTimePolicy,
        rowErrorPolicy, lookBack, clockSkew);
  }

  /** As above with the default look-back window and skew. */
  public SyncConfig(List<TableRequest> tables, String defaultCursorColumn, int batchSize,
      DateTimePolicy dateTimePolicy, RowErrorPolicy rowErrorPolicy) {
    this(tables, defaultCursorColumn, batchSize, dateTimePolicy, rowErrorPolicy, DEFAULT_LOOK_BACK, DEFAULT_CLOCK_SKEW);
  }

  /** The request for one table under this configuration's per-table options. */
  public TableRequest requestFor(TableId table, List<String> primaryKey, Optional<VectorHint> vector) {
    String name = table.name();
    Optional<String> cursor = fullRefreshTables.contains(name) || fullRefreshTables.contains(ALL_TABLES)
        ? Optional.empty()
        : Optional.of(cursorColumns.getOrDefault(name, defaultCursorColumn));
    boolean deletes = deleteTables.contains(name) || deleteTables.contains(ALL_TABLES);
    return new TableRequest(table, primaryKey, cursor, vector, deletes, includeNullCursor);
  }
}
