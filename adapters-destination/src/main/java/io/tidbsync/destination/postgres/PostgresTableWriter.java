package io.tidbsync.destination.postgres;

import static io.tidbsync.destination.jdbc.KeyQueries.keyList;
import static io.tidbsync.destination.jdbc.SqlNames.quote;

import io.tidbsync.destination.jdbc.KeyQueries;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.StringJoiner;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * How one prepared table's batches reach PostgreSQL, inside the caller's transaction, in COPY's
 * binary format ({@link PostgresCopyBinary}). While every
 * row of a batch is new (a first sync), the batch is COPYed straight into the table, under a
 * savepoint: the primary key refuses any row whose key exists (or repeats in the batch), and then
 * the savepoint is rolled back and the batch takes the merge. The merge COPYs the batch into a
 * temporary staging table, then runs one {@code INSERT … SELECT DISTINCT ON (key) … ON CONFLICT
 * (key) DO UPDATE} into the table, so the last row per key wins and a replayed batch changes
 * nothing. After a merge that found every row new, the next batch tries the straight COPY again.
 *
 * <p>Why: on 1M rows of the bench's table a (MariaDB source, 2 cores, {@code scripts/bench
 * --postgres 1}) the merge path took 16.1 s against 9.1 s for the source read plus {@code psql
 * \copy} of the same rows into a keyed table; the staging table, its sort and the conflict checks
 * were the difference.
 */
final class PostgresTableWriter {
  static final String SYNCED = KeyQueries.SYNCED;
  static final String DELETED = KeyQueries.DELETED;
  private static final String SEQ = "_tidbsync_seq";
  private static final String STAGING = "_tidbsync_stage";
  /** unique_violation: the straight COPY met a key that exists or repeats. */
  private static final String UNIQUE_VIOLATION = "23505";

  private final TableSchema schema;
  private final String createStaging;
  private final String stagingCopySql;
  private final String mergeSql;
  private final String directCopySql;
  private final PostgresCopyBinary[] writers;
  /** Whether the next batch tries the straight COPY; one thread writes a table at a time. */
  private volatile boolean directFirst;

  /**
   * {@code columnTypes}: the table's column types in PostgreSQL, in the schema's column order. A
   * table created just now starts on the straight COPY, one that existed on the merge (an
   * incremental run's first batch re-reads rows the table holds); a merged batch of new keys only
   * moves it to the straight COPY.
   */
  PostgresTableWriter(String target, TableSchema schema, List<String> columnTypes, boolean created) {
    this.directFirst = created;
    this.schema = schema;
    this.createStaging = createStaging(schema, columnTypes);
    this.stagingCopySql = copySql(quote(STAGING), schema, quote(SEQ));
    this.mergeSql = mergeSql(target, schema);
    this.directCopySql = copySql(target, schema, quote(SYNCED) + ", " + quote(DELETED));
    this.writers = new PostgresCopyBinary[schema.columns().size()];
    for (int i = 0; i < writers.length; i++) {
      // Each value goes out in the binary form of the column it lands in (bigint, vector(n) or real[], …).
      writers[i] = PostgresCopyBinary.forColumn(schema.columns().get(i).type(), columnTypes.get(i));
    }
  }

  TableSchema schema() {
    return schema;
  }

  /** Writes a non-empty batch in the caller's transaction; what it inserted and updated. */
  Written write(Connection c, List<Row> rows) throws SQLException {
    if (directFirst) {
      Savepoint before = c.setSavepoint();
      try {
        Instant synced = transactionTime(c);
        copy(c, directCopySql, rows, 2, (out, index) -> {
          PostgresCopyBinary.timestamp(out, synced.getEpochSecond(), synced.getNano());
          out.writeInt(1);
          out.writeByte(0);
        });
        c.releaseSavepoint(before);
        return Written.inserted(rows.size());
      } catch (SQLException e) {
        if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
          throw e;
        }
        c.rollback(before);
        directFirst = false;
      }
    }
    try (Statement st = c.createStatement()) {
      st.execute(createStaging);
    }
    copy(c, stagingCopySql, rows, 1, (out, index) -> {
      out.writeInt(8);
      out.writeLong(index);
    });
    try (Statement st = c.createStatement(); ResultSet counts = st.executeQuery(mergeSql)) {
      counts.next();
      Written changed = new Written(counts.getLong(1), counts.getLong(2), 0);
      directFirst = changed.inserted() == rows.size();
      return changed;
    }
  }

  /** {@code now()}: the time the merge writes into {@code _fivetran_synced}. */
  private static Instant transactionTime(Connection c) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT now()")) {
      rs.next();
      return rs.getObject(1, OffsetDateTime.class).toInstant();
    }
  }

  /** COPY's binary header: the signature, no flags, no header extension. */
  private static final byte[] BINARY_HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
      0, 0, 0, 0, 0, 0, 0, 0};

  /**
   * Streams the rows to {@code copySql} in COPY's binary format, each row ended by the
   * {@code suffixFields} fields {@code suffix} writes (the row's number, or the Fivetran columns).
   */
  private void copy(Connection c, String copySql, List<Row> rows, int suffixFields, RowSuffix suffix)
      throws SQLException {
    PGCopyOutputStream stream = new PGCopyOutputStream(c.unwrap(PGConnection.class), copySql, 1 << 16);
    int fields = writers.length + suffixFields;
    int rowIndex = 0;
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(stream, 1 << 16))) {
      out.write(BINARY_HEADER);
      for (Row row : rows) {
        Object[] values = row.values();
        out.writeShort(fields);
        for (int i = 0; i < writers.length; i++) {
          Object value = values[i];
          if (value == null) {
            out.writeInt(-1);
          } else {
            try {
              writers[i].write(out, value);
            } catch (ClassCastException | IllegalArgumentException | ArithmeticException e) {
              stream.cancelCopy();
              throw new IllegalArgumentException("row with key " + keyText(schema, values) + ", column "
                  + schema.columns().get(i).name() + ": " + e.getMessage(), e);
            }
          }
        }
        suffix.write(out, rowIndex++);
      }
      out.writeShort(-1);
    } catch (IOException e) {
      if (e.getCause() instanceof SQLException sql) {
        throw sql;
      }
      throw new SQLException("COPY into " + schema.table() + " failed: " + e.getMessage(), "08006", e);
    }
  }

  @FunctionalInterface
  private interface RowSuffix {
    void write(DataOutputStream out, int rowIndex) throws IOException;
  }

  private static String createStaging(TableSchema schema, List<String> columnTypes) {
    StringJoiner columns = new StringJoiner(", ");
    for (int i = 0; i < columnTypes.size(); i++) {
      columns.add(quote(schema.columns().get(i).name()) + " " + columnTypes.get(i));
    }
    columns.add(quote(SEQ) + " bigint");
    return "CREATE TEMPORARY TABLE " + quote(STAGING) + " (" + columns + ") ON COMMIT DROP";
  }

  private static String copySql(String table, TableSchema schema, String moreColumns) {
    StringJoiner names = new StringJoiner(", ");
    schema.columns().forEach(c -> names.add(quote(c.name())));
    return "COPY " + table + " (" + names + ", " + moreColumns + ") FROM STDIN (FORMAT binary)";
  }

  private static String mergeSql(String target, TableSchema schema) {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner updates = new StringJoiner(", ");
    StringJoiner differs = new StringJoiner(" OR ");
    for (ColumnSpec column : schema.columns()) {
      String name = quote(column.name());
      names.add(name);
      if (!schema.primaryKey().contains(column.name())) {
        updates.add(name + " = excluded." + name);
        differs.add(distinct("t." + name, "excluded." + name, column.type()));
      }
    }
    updates.add(quote(SYNCED) + " = excluded." + quote(SYNCED));
    updates.add(quote(DELETED) + " = false");
    // Rows already identical and live are left alone, so the row count says what changed.
    differs.add("t." + quote(DELETED));
    String key = keyList(schema);
    String upsert = "INSERT INTO " + target + " AS t (" + names + ", " + quote(SYNCED) + ", " + quote(DELETED) + ") "
        + "SELECT DISTINCT ON (" + key + ") " + names + ", now(), false FROM " + quote(STAGING)
        + " ORDER BY " + key + ", " + quote(SEQ) + " DESC "
        + "ON CONFLICT (" + key + ") DO UPDATE SET " + updates + " WHERE " + differs;
    // A row the INSERT created has no deleting transaction yet (xmax 0); one it updated has.
    return "WITH written AS (" + upsert + " RETURNING (t.xmax = 0) AS inserted) "
        + "SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM written";
  }

  /**
   * Whether two values differ, down to the sign of a floating zero: {@code -0.0 = 0.0} for
   * real, double precision, real[] and pgvector's vector, so those compare by their text, which
   * PostgreSQL writes exactly (shortest round-trip form, {@code -0} kept).
   */
  private static String distinct(String a, String b, LogicalType type) {
    return switch (type) {
      case LogicalType.FloatType t -> a + "::text IS DISTINCT FROM " + b + "::text";
      case LogicalType.DoubleType t -> a + "::text IS DISTINCT FROM " + b + "::text";
      case LogicalType.VectorType t -> a + "::text IS DISTINCT FROM " + b + "::text";
      default -> a + " IS DISTINCT FROM " + b;
    };
  }

  /** The row's key as text for an error message: the key names the row, the other values stay out. */
  private static String keyText(TableSchema schema, Object[] values) {
    StringJoiner key = new StringJoiner(",");
    for (int index : schema.primaryKeyIndexes()) {
      Object value = values[index];
      String text = value instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : String.valueOf(value);
      key.add(text.length() > 64 ? text.substring(0, 64) + "…" : text);
    }
    return key.toString();
  }
}
