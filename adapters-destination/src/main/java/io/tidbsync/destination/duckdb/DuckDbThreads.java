package io.tidbsync.destination.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How many threads DuckDB runs a table's writes on: the configured number, else the cores the
 * sync's readers leave (at least one); the last checkpoint, at close, gets every core.
 *
 * <p>Why not every core: while DuckDB's worker threads run a statement, the thread that issued it
 * keeps asking its scheduler for work, busy, until the statement ends. A profile of a 1M-row sync
 * on 2 cores (async-profiler, CPU time) put about 2 s of the 18 s of CPU there, on the core the
 * reader thread needs. With {@code threads = 1} the issuing thread does the work itself: the same
 * sync took 11.1 CPU-s and 8.65 s of wall instead of 13.5 CPU-s and 9.39 s (medians of 3,
 * {@code scripts/bench --only a}). Rows of 768-float vectors once went the other way, while their
 * reader was slow; since it parses without a first pass, one thread wins there too: 120,000
 * vectors in 8.4 s and 11.8 CPU-s against 10.8 s and 17.6 CPU-s with every core (3 runs each),
 * 20,000 in 2.32 s against 2.55 s (6 runs each).
 */
final class DuckDbThreads {
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

  /** The threads wanted while tables are written. */
  int forWrites() {
    if (fixed != null) {
      return fixed;
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
