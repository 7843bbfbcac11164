package io.tidbsync.domain.port;

import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import java.util.List;

/**
 * Reads tables from the source database.
 *
 * <p>Raw values in rows follow the column's logical type loosely (the {@code RowNormalizer} makes
 * them exact): integers as any {@link Number}, decimals as {@link java.math.BigDecimal} or text,
 * dates and date-times as {@code java.time} values or the database's text (zero dates included),
 * JSON and vectors as text, binary as {@code byte[]}.
 */
public interface SourcePort extends AutoCloseable {
  /**
   * Every base table of the configured database (views excluded), in name order.
   *
   * @throws io.tidbsync.domain.failure.SourceUnreachableException when the database cannot be
   *     reached or refuses the login
   */
  List<TableId> listTables();

  /**
   * One discovery per request, in request order: columns in ordinal order with logical types,
   * nullability, primary key (the requested one, else the table's), cursor column (none for a full
   * refresh) and vector columns. A missing table or column is an {@link
   * TableDiscovery.Undescribable} for that table only.
   *
   * @throws io.tidbsync.domain.failure.SourceUnreachableException as for {@link #listTables()}
   */
  List<TableDiscovery> describe(List<TableRequest> requests);

  /**
   * Streams one keyset page as {@link ReadRequest} defines it. Nothing is materialized beyond what
   * the driver buffers.
   *
   * @throws io.tidbsync.domain.failure.SourceException when the query fails
   */
  RowStream read(ReadRequest request);

  /**
   * The rows whose primary key is one of {@code keys} (values in the key's order, of the types a
   * row's canonical values have), in no particular order; keys that no longer exist give no row.
   * With {@code keyColumnsOnly} each row holds just the key values, in key order.
   */
  RowStream readKeys(TableSchema schema, List<List<Object>> keys, boolean keyColumnsOnly);

  /**
   * The commit-safe watermark: the server's current time, or the start of its oldest open
   * transaction when that is earlier. A row not yet committed can carry no cursor value earlier
   * than this (when cursor values are stamped by the server at or after its transaction start).
   * Empty when the source does not let this user see its open transactions.
   */
  java.util.Optional<java.time.Instant> commitWatermark();

  /**
   * Where to cut the table into key ranges of about {@code rowsPerRange} rows for a first sync read
   * in parallel: at most {@code maxRanges - 1} keys (values in key order, as rows carry them),
   * ascending, each the inclusive end of a range; the last range runs to the end. Empty when the
   * table is too small to split, or when this source cannot split its key (the default).
   *
   * @throws io.tidbsync.domain.failure.SourceException when the query fails
   */
  default List<List<Object>> splitPoints(TableSchema schema, long rowsPerRange, int maxRanges) {
    return List.of();
  }

  /**
   * The greatest cursor value of the table that is at most {@code upTo} (raw, as rows carry it),
   * or empty when no row has one: where a cursor scan up to {@code upTo} would have stopped.
   *
   * @throws io.tidbsync.domain.failure.SourceException when the query fails
   */
  java.util.Optional<Object> maxCursor(TableSchema schema, Object upTo);

  /**
   * Why the table's key cannot tell its rows apart, or empty when it can. The primary key, a unique
   * index of NOT NULL columns and TiDB's row id always can; a key named in the configuration that is
   * none of these is checked on the data: two rows sharing a key value, or a NULL in it, is the
   * problem, named with the value.
   *
   * @throws io.tidbsync.domain.failure.SourceException when the check's query fails
   */
  default java.util.Optional<String> keyProblem(TableSchema schema) {
    return java.util.Optional.empty();
  }

  /** The server's estimate of the table's rows (statistics, no scan), when it keeps one. */
  default java.util.OptionalLong estimatedRows(TableSchema schema) {
    return java.util.OptionalLong.empty();
  }

  /** How many storage regions hold the table (TiDB), when the source has such a notion. */
  default java.util.OptionalInt regionCount(TableSchema schema) {
    return java.util.OptionalInt.empty();
  }

  /**
   * What the server is and how it keeps old row versions, for {@code check}.
   *
   * @throws io.tidbsync.domain.failure.SourceUnreachableException when it cannot be reached
   */
  default io.tidbsync.domain.model.SourceFacts facts() {
    return new io.tidbsync.domain.model.SourceFacts("unknown", false, java.util.Optional.empty(),
        java.util.Optional.empty());
  }

  /** How many rows have a NULL cursor (never read by a {@link Scan#CURSOR} scan). */
  long countNullCursor(TableSchema schema);

  /**
   * Pins every later read of this source (pages of all tables and key ranges, the key checks of
   * delete detection) to one consistent snapshot taken now, held until {@link #close()}; empty
   * when the source has no such snapshots (MySQL, MariaDB), whose reads then see the latest data.
   * Take the commit watermark first: the snapshot is then at or after it.
   *
   * @throws io.tidbsync.domain.failure.SourceException when the snapshot cannot be taken
   */
  default java.util.Optional<io.tidbsync.domain.model.SourceSnapshot> pinSnapshot() {
    return java.util.Optional.empty();
  }

  /**
   * Replaces the pinned snapshot with a fresh one, unless that was done since {@code stale} was
   * handed out (several readers may find it expired at once); returns the snapshot reads now use.
   * A read that failed with {@link io.tidbsync.domain.failure.SourceRecovery#NEW_SNAPSHOT} calls
   * this and reads again from its last checkpoint.
   */
  default java.util.Optional<io.tidbsync.domain.model.SourceSnapshot> renewSnapshot(
      io.tidbsync.domain.model.SourceSnapshot stale) {
    return java.util.Optional.empty();
  }

  @Override
  void close();
}
