package io.tidbsync.destination.duckdb;

import io.tidbsync.domain.model.TableSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many threads DuckDB runs a table's writes on: the configured number, else, per table, the
 * cores the sync's readers leave for narrow rows and every core for wide ones.
 *
 * <p>Why narrow rows get fewer: while DuckDB's worker threads run a statement, the thread that
 * issued it keeps asking its scheduler for work, busy, until the statement ends. A profile of a
 * 1M-row sync on 2 cores (async-profiler, CPU time) put about 2 s of the 18 s of CPU there, on the
 * core the reader thread needs. With {@code threads = 1} the issuing thread does the work itself:
 * the same sync took 11.1 CPU-s and 8.65 s of wall instead of 13.5 CPU-s and 9.39 s (medians of 3,
 * {@code scripts/bench --only a}). Rows of 768-float vectors went the other way (3.73 s with every
 * core, 4.47 s with one): there DuckDB's own work per row (compressing, merging) dominates.
 */
final class DuckDbThreads {
  /** Rows estimated at least this wide ({@link DuckDbMemory#estimatedRowBytes}) get every core. */
  static final long WIDE_ROW_BYTES = 1024;

  private final Integer fixed;
  private final int cores;
  private final int readers;
  /** What the connection was last set to; 0 before the first setting (DuckDB's default, every core). */
  private int current;

  DuckDbThreads(DuckDbConfig config, int cores) {
    this.fixed = config.threads();
    this.cores = Math.max(1, cores);
    this.readers = config.readers();
  }

  /** The threads wanted while this table is written. */
  int forTable(TableSchema schema) {
    if (fixed != null) {
      return fixed;
    }
    if (DuckDbMemory.estimatedRowBytes(schema) >= WIDE_ROW_BYTES) {
      return cores;
    }
    return Math.max(1, cores - readers);
  }

  /**
   * The threads wanted when the connection closes: its last checkpoint (up to the checkpoint
   * threshold's worth of rows, compressed row group by row group) runs after every reader ended,
   * so it gets every core.
   */
  int forClose() {
    return fixed != null ? fixed : cores;
  }

  /** Sets DuckDB's thread count to {@code wanted}, when it is not that already. */
  void use(Connection c, int wanted) throws SQLException {
    if (wanted == current) {
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute("SET threads = " + wanted);
    }
    current = wanted;
  }

  /** A new connection starts from DuckDB's default. */
  void reset() {
    current = 0;
  }
}
