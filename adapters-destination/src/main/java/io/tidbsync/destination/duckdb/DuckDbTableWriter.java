package io.tidbsync.destination.duckdb;

import static io.tidbsync.destination.jdbc.SqlNames.quote;

import io.tidbsync.destination.jdbc.DestinationStateStore;
import io.tidbsync.destination.jdbc.KeyQueries;
import io.tidbsync.destination.jdbc.Transactions;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.StringJoiner;
import org.duckdb.DuckDBConnection;

/**
 * How one prepared table's batches reach DuckDB. Each batch is handed over as one Arrow record
 * batch ({@link ArrowBatches}). While every row is new (a first sync) it is inserted straight into
 * the target in one transaction, the primary key checking that no key exists; on a duplicate (or
 * any failure) that transaction is rolled back, nothing is written, and the batch takes one
 * {@code MERGE} (the last row per key wins: {@link LastRowPerKey}), which reports real failures.
 * The table stays on the merge until a merged batch is again all new keys.
 */
final class DuckDbTableWriter {
  private static final String SYNCED = KeyQueries.SYNCED;
  private static final String DELETED = KeyQueries.DELETED;

  private final TableSchema schema;
  private final ArrowBatches.Layout layout;
  private final String insertSql;
  private final String mergeSql;
  /** DuckDB's threads while this table is written ({@link DuckDbThreads}). */
  private final int threads;
  /** Whether the next batch tries the straight insert; one thread writes a table at a time. */
  private volatile boolean appendFirst;

  /**
   * {@code target}: the table's name, quoted and qualified with its catalog and schema. A table
   * created just now starts on the straight insert; one that existed starts on the merge, since an
   * incremental run's first batch re-reads rows the table holds (the look-back window), and a
   * straight insert that meets one is a write rolled back. A merged batch of new keys only moves
   * the table to the straight insert (a first sync resumed after a stop).
   */
  DuckDbTableWriter(String target, TableSchema schema, int threads, boolean created) {
    this.appendFirst = created;
    this.schema = schema;
    this.layout = new ArrowBatches.Layout(schema);
    this.insertSql = insertSql(target, schema);
    this.mergeSql = mergeSql(target, schema);
    this.threads = threads;
  }

  TableSchema schema() {
    return schema;
  }

  int threads() {
    return threads;
  }

  /**
   * Writes the batch (which may be empty when {@code alsoInTransaction} is not null): the straight
   * insert when it may apply, else the merge. {@code alsoInTransaction} (the state's row, or null)
   * commits with it; without it, the merge is one statement, atomic on its own.
   */
  Written write(DuckDBConnection c, ArrowBatches batches, List<Row> rows,
      DestinationStateStore.SqlWork<Void> alsoInTransaction) throws SQLException {
    if (!rows.isEmpty() && appendFirst && appendNew(c, batches, rows, alsoInTransaction)) {
      return Written.inserted(rows.size());
    }
    if (alsoInTransaction == null) {
      return merge(c, batches, rows);
    }
    return Transactions.run(c, conn -> {
      Written changed = merge(c, batches, rows);
      alsoInTransaction.run(conn);
      return changed;
    });
  }

  /**
   * The straight insert of a batch of new keys, in one transaction with the state's row.
   *
   * @return whether the rows were written; when not, nothing was, and the table goes to the merge
   */
  private boolean appendNew(DuckDBConnection c, ArrowBatches batches, List<Row> rows,
      DestinationStateStore.SqlWork<Void> alsoInTransaction) {
    try {
      Transactions.run(c, conn -> {
        batches.with(c, layout, rows, () -> {
          try (Statement st = conn.createStatement()) {
            return st.executeUpdate(insertSql);
          }
        });
        if (alsoInTransaction != null) {
          alsoInTransaction.run(conn);
        }
        return null;
      });
      return true;
    } catch (SQLException | RuntimeException e) {
      appendFirst = false;
      return false;
    }
  }

  /** One merge of the batch into the target; the rows it inserted and updated, counted from its RETURNING. */
  private Written merge(DuckDBConnection c, ArrowBatches batches, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return Written.NONE;
    }
    List<Row> lastPerKey = LastRowPerKey.of(schema, rows);
    long[] counts = batches.with(c, layout, lastPerKey, () -> {
      long inserted = 0;
      long updated = 0;
      try (Statement st = c.createStatement(); ResultSet actions = st.executeQuery(mergeSql)) {
        while (actions.next()) {
          if ("INSERT".equals(actions.getString(1))) {
            inserted++;
          } else {
            updated++;
          }
        }
      }
      return new long[] {inserted, updated};
    });
    // Every row new: the batch may as well have been inserted; try the straight path again.
    appendFirst = counts[0] == lastPerKey.size();
    return new Written(counts[0], counts[1], 0);
  }

  /**
   * The straight insert of a batch of new keys: by column name, so a target whose columns are in
   * another order or kept wider takes the batch as it is.
   */
  static String insertSql(String target, TableSchema schema) {
    StringJoiner names = new StringJoiner(", ");
    for (ColumnSpec column : schema.columns()) {
      names.add(quote(column.name()));
    }
    return "INSERT INTO " + target + " (" + names + ", " + quote(SYNCED) + ", " + quote(DELETED) + ") SELECT "
        + names + ", now(), false FROM " + ArrowBatches.VIEW;
  }

  /**
   * One {@code MERGE} of the batch (its last row per key) into the target: a new key is inserted,
   * a matched row is updated only when some value differs (so the count says what changed). Not
   * {@code INSERT … ON CONFLICT}: in DuckDB 1.5 and 2.0 that path turns a {@code -0.0} inside a
   * FLOAT[] into {@code 0.0}; MERGE keeps every float bit for bit.
   */
  static String mergeSql(String target, TableSchema schema) {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner values = new StringJoiner(", ");
    StringJoiner updates = new StringJoiner(", ");
    StringJoiner on = new StringJoiner(" AND ");
    StringJoiner differs = new StringJoiner(" OR ");
    for (ColumnSpec column : schema.columns()) {
      String name = quote(column.name());
      names.add(name);
      values.add("s." + name);
      if (schema.primaryKey().contains(column.name())) {
        on.add("t." + name + " = s." + name);
      } else {
        updates.add(name + " = s." + name);
        differs.add(distinct("t." + name, "s." + name, column.type()));
      }
    }
    updates.add(quote(SYNCED) + " = now()");
    updates.add(quote(DELETED) + " = false");
    differs.add("t." + quote(DELETED));
    return "MERGE INTO " + target + " AS t USING (SELECT " + names + " FROM " + ArrowBatches.VIEW + ") AS s ON ("
        + on + ") WHEN MATCHED AND (" + differs + ") THEN UPDATE SET " + updates
        + " WHEN NOT MATCHED THEN INSERT (" + names + ", " + quote(SYNCED) + ", " + quote(DELETED) + ") VALUES ("
        + values + ", now(), false) RETURNING merge_action";
  }

  /**
   * Whether two values differ, down to the sign of a floating zero for FLOAT and DOUBLE columns:
   * {@code -0.0 = 0.0} in SQL, so a value that changed only its sign would otherwise be left as it
   * was. Not for vectors: a sign-aware comparison of 768-float arrays needed a 160MB memory limit
   * where the merge needs 96MB, so a vector whose only change is the sign of a zero is not seen as
   * changed (a change anywhere else in the row rewrites it whole).
   */
  private static String distinct(String a, String b, LogicalType type) {
    String values = a + " IS DISTINCT FROM " + b;
    return switch (type) {
      case LogicalType.FloatType t -> "(" + values + " OR signbit(" + a + ") IS DISTINCT FROM signbit(" + b + "))";
      case LogicalType.DoubleType t -> "(" + values + " OR signbit(" + a + ") IS DISTINCT FROM signbit(" + b + "))";
      default -> values;
    };
  }
}
