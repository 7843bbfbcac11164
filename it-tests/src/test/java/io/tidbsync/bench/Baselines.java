package io.tidbsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbMemory;
import io.tidbsync.destination.duckdb.EpochMicros;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The two limits a sync is measured against, on the same data in the same run: how fast a plain
 * JDBC streaming read can take every value off the wire, and how fast DuckDB's Appender loads the
 * same rows when they are already built in memory.
 */
final class Baselines {
  private Baselines() {}

  /**
   * What one baseline did: {@code cpuSeconds} is this process's CPU time (all its threads, DuckDB's
   * included) and {@code serverCpuSeconds} the source server's, both over the timed part only.
   */
  record Measured(long rows, long bytes, double seconds, double cpuSeconds, double serverCpuSeconds) {
    double rowsPerSecond() {
      return rows / seconds;
    }

    /** CPU seconds, this process's and the server's, per row. */
    double cpuPerRow() {
      return (cpuSeconds + serverCpuSeconds) / rows;
    }

    double megabytesPerSecond() {
      return bytes / seconds / 1e6;
    }
  }

  /**
   * One {@code SELECT *} streamed row by row (mysql-connector-j's {@code fetchSize =
   * Integer.MIN_VALUE}), every value read as text and its length summed so nothing is skipped.
   */
  static Measured sourceRead(Connection c, String table) throws SQLException {
    return sourceRead(c, table, Integer.MIN_VALUE);
  }

  /**
   * The same read with the given fetch size: {@code Integer.MIN_VALUE} streams row by row; a
   * positive size on a connection opened with {@code useCursorFetch=true} reads through a
   * server-side cursor, that many rows per round trip (the alternative issue 5 asks to measure).
   */
  static Measured sourceRead(Connection c, String table, int fetchSize) throws SQLException {
    long rows = 0;
    long bytes = 0;
    long cpuBefore = Cpu.processNanos();
    long serverBefore = Cpu.serverTicks();
    long start = System.nanoTime();
    try (PreparedStatement ps = c.prepareStatement("SELECT * FROM `" + table + "`",
        ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
      ps.setFetchSize(fetchSize);
      try (ResultSet rs = ps.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= columns; i++) {
            String v = rs.getString(i);
            if (v != null) {
              bytes += v.length();
            }
          }
          rows++;
        }
      }
    }
    return new Measured(rows, bytes, (System.nanoTime() - start) / 1e9, (Cpu.processNanos() - cpuBefore) / 1e9,
        (Cpu.serverTicks() - serverBefore) / 100.0);
  }

  /** Appends one pre-built row; {@code syncedMicros} is the batch's {@code _fivetran_synced}. */
  private interface RowWriter {
    void write(DuckDBAppender appender, Object[] row, long syncedMicros) throws SQLException;
  }

  /**
   * Table A's rows loaded with DuckDB's Appender into a keyed table shaped as tidb-sync creates it;
   * rows are built a chunk at a time outside the timed part.
   */
  static Measured duckDbAppend(Path file, long seed, long rows, long bytes) throws SQLException {
    String ddl = "CREATE TABLE a (id BIGINT NOT NULL, created_at TIMESTAMP, name VARCHAR, qty INTEGER, "
        + "price DECIMAL(12,2), score DOUBLE, attrs JSON, shipped_at TIMESTAMP, active BOOLEAN, note VARCHAR, "
        + "_fivetran_synced TIMESTAMPTZ, _fivetran_deleted BOOLEAN, PRIMARY KEY (id))";
    return timedAppend(file, "a", ddl, List.of(), rows, 250_000, i -> BenchData.rowA(seed, i), (appender, row, now) -> {
      appender.append((long) (Long) row[0]);
      appender.appendEpochMicros(EpochMicros.of((LocalDateTime) row[1]));
      appender.append((String) row[2]);
      appender.append((int) (Integer) row[3]);
      appender.append((java.math.BigDecimal) row[4]);
      appender.append((double) (Double) row[5]);
      appender.append((String) row[6]);
      if (row[7] == null) {
        appender.appendNull();
      } else {
        appender.appendEpochMicros(EpochMicros.of((LocalDateTime) row[7]));
      }
      appender.append((boolean) (Boolean) row[8]);
      appender.append((String) row[9]);
      appender.appendEpochMicros(now);
      appender.append(false);
    }, bytes);
  }

  /**
   * Table B's rows (a key, a timestamp, a label, a {@code FLOAT[dimension]} vector) loaded the same
   * way, with the checkpoint threshold the destination picks for such rows.
   */
  static Measured duckDbAppendVectors(Path file, long seed, long rows, int dimension, long bytes) throws SQLException {
    TableSchema schema = new TableSchema(TableId.of("b"), List.of(
        new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
        new ColumnSpec("created_at", new LogicalType.NaiveDateTimeType(), false, "datetime(6)"),
        new ColumnSpec("label", new LogicalType.StringType(), true, "varchar(32)"),
        new ColumnSpec("embedding", LogicalType.VectorType.of(dimension), true, "longtext")),
        List.of("id"), Optional.empty());
    long threshold = DuckDbConfig.autoCheckpointBytes(DuckDbMemory.estimatedRowBytes(schema));
    String ddl = "CREATE TABLE b (id BIGINT NOT NULL, created_at TIMESTAMP, label VARCHAR, embedding FLOAT["
        + dimension + "], _fivetran_synced TIMESTAMPTZ, _fivetran_deleted BOOLEAN, PRIMARY KEY (id))";
    return timedAppend(file, "b", ddl, List.of("SET checkpoint_threshold = '" + (threshold >> 20) + "MiB'"), rows,
        20_000, i -> BenchData.rowB(seed, i, dimension), (appender, row, now) -> {
          appender.append((long) (Long) row[0]);
          appender.appendEpochMicros(EpochMicros.of((LocalDateTime) row[1]));
          appender.append((String) row[2]);
          appender.append((float[]) row[3]);
          appender.appendEpochMicros(now);
          appender.append(false);
        }, bytes);
  }

  /**
   * A fresh DuckDB file with the destination's settings (then {@code extraSettings}) and the
   * table; rows built {@code chunk} at a time outside the timed part, appended and flushed inside
   * it; the final checkpoint timed too.
   */
  private static Measured timedAppend(Path file, String table, String ddl, List<String> extraSettings, long rows,
      int chunk, LongFunction<Object[]> build, RowWriter writer, long bytes) throws SQLException {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(Path.of(file + ".wal"));
    } catch (java.io.IOException e) {
      throw new SQLException(e);
    }
    long timed = 0;
    long cpu = 0;
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + file)) {
      try (Statement st = c.createStatement()) {
        // The destination's own settings, so the limit is measured as the sync meets it.
        for (String setting : new DuckDbConfig(file, "main").settings()) {
          st.execute(setting);
        }
        for (String setting : extraSettings) {
          st.execute(setting);
        }
        st.execute(ddl);
      }
      Object[][] built = new Object[chunk][];
      long now = EpochMicros.of(java.time.Instant.now());
      for (long from = 1; from <= rows; from += chunk) {
        int n = (int) Math.min(chunk, rows - from + 1);
        for (int k = 0; k < n; k++) {
          built[k] = build.apply(from + k);
        }
        long start = System.nanoTime();
        long cpuStart = Cpu.processNanos();
        try (DuckDBAppender appender = c.createAppender("main", table)) {
          for (int k = 0; k < n; k++) {
            appender.beginRow();
            writer.write(appender, built[k], now);
            appender.endRow();
          }
          appender.flush();
        }
        timed += System.nanoTime() - start;
        cpu += Cpu.processNanos() - cpuStart;
      }
      long start = System.nanoTime();
      long cpuStart = Cpu.processNanos();
      try (Statement st = c.createStatement()) {
        st.execute("CHECKPOINT");
      }
      timed += System.nanoTime() - start;
      cpu += Cpu.processNanos() - cpuStart;
    }
    return new Measured(rows, bytes, timed / 1e9, cpu / 1e9, 0);
  }

  /**
   * DuckDB's own ingest of the rows a baseline appended (the write limit): the table is
   * written to Parquet untimed, then loaded into a fresh file, into the same keyed table, with the
   * destination's checkpoint threshold and DuckDB's default memory limit; one {@code INSERT …
   * SELECT} plus the final checkpoint timed.
   */
  static Measured duckDbIngestFromParquet(Path appended, String table, Path fresh, long bytes) throws SQLException {
    Path parquet = Path.of(fresh + ".parquet");
    String ddl;
    long rows;
    try {
      Files.deleteIfExists(fresh);
      Files.deleteIfExists(Path.of(fresh + ".wal"));
      Files.deleteIfExists(parquet);
    } catch (java.io.IOException e) {
      throw new SQLException(e);
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + appended); Statement st = c.createStatement()) {
      st.execute("COPY " + table + " TO '" + parquet + "' (FORMAT parquet)");
      try (ResultSet rs = st.executeQuery("SELECT sql, (SELECT count(*) FROM " + table + ") FROM duckdb_tables() "
          + "WHERE table_name = '" + table + "'")) {
        rs.next();
        ddl = rs.getString(1);
        rows = rs.getLong(2);
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + fresh); Statement st = c.createStatement()) {
      for (String setting : new DuckDbConfig(fresh, "main").settings()) {
        st.execute(setting);
      }
      // DuckDB's own memory limit: a Parquet row group of vectors needs more than the destination's first one.
      st.execute("RESET memory_limit");
      st.execute(ddl);
      long start = System.nanoTime();
      long cpuStart = Cpu.processNanos();
      st.execute("INSERT INTO " + table + " SELECT * FROM read_parquet('" + parquet + "')");
      st.execute("CHECKPOINT");
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpu = (Cpu.processNanos() - cpuStart) / 1e9;
      return new Measured(rows, bytes, seconds, cpu, 0);
    } finally {
      try {
        Files.deleteIfExists(parquet);
        Files.deleteIfExists(fresh);
      } catch (java.io.IOException e) {
        // a bench leftover in its own folder
      }
    }
  }
}
