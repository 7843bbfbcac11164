package io.tidbsync.destination.duckdb;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableSchema;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The DuckDB destination's memory and storage settings, fitted to the tables it writes: the
 * memory limit (raised before a table's first batch to hold its chunks, and while loading when the
 * key indexes grow), the checkpoint threshold (raised for wide rows), and ALP-RD compression (off
 * once a vector table is written). Fixed settings in {@link DuckDbConfig} turn each off. Used by one
 * thread at a time, with the destination's connection.
 */
public final class DuckDbMemory {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuckDbMemory.class);

  private final DuckDbConfig config;
  /** The memory limit in force when it grows on demand (no fixed limit configured). */
  private long memoryLimitBytes;
  /** The checkpoint threshold in force when it follows the tables (none configured). */
  private long checkpointBytes = DuckDbConfig.MIN_AUTO_CHECKPOINT_BYTES;
  /** Whether ALP-RD compression was turned off for a vector table ({@link #avoidAlpRdForVectors}). */
  private boolean alpRdDisabled;

  DuckDbMemory(DuckDbConfig config) {
    this.config = config;
    this.memoryLimitBytes = DuckDbConfig.bytes(config.initialMemoryLimit());
  }

  /** Before a table's first batch: the settings its rows need. */
  void prepare(Connection c, TableSchema schema) throws SQLException {
    fitCheckpointThreshold(c, schema);
    fitMemoryLimitToRows(c, schema);
    avoidAlpRdForVectors(c, schema);
  }

  /** After each batch: every {@link #MEMORY_CHECK_ROWS} rows, a look at the key indexes' size. */
  void written(Connection c, int rows) throws SQLException {
    rowsSinceMemoryCheck += rows;
    if (rowsSinceMemoryCheck >= MEMORY_CHECK_ROWS) {
      rowsSinceMemoryCheck = 0;
      growMemoryLimitIfNeeded(c);
    }
  }

  /**
   * When no threshold is configured: raises DuckDB's checkpoint threshold to suit this table's rows
   * (see {@link DuckDbConfig#DEFAULT_CHECKPOINT_THRESHOLD}); it never goes down during a run.
   */
  private void fitCheckpointThreshold(Connection c, TableSchema schema) throws SQLException {
    if (config.checkpointThreshold() != null) {
      return;
    }
    long wanted = DuckDbConfig.autoCheckpointBytes(estimatedRowBytes(schema));
    if (wanted > checkpointBytes) {
      try (Statement st = c.createStatement()) {
        st.execute("SET checkpoint_threshold = '" + (wanted >> 20) + "MiB'");
      }
      checkpointBytes = wanted;
    }
  }

  /**
   * When the limit grows on demand: raises it, before any batch, to hold {@link #CHUNKS_IN_FLIGHT}
   * of DuckDB's 2,048-row chunks of this table's rows. A merge holds several such chunks per
   * thread (batch scan, join, returning), however few its rows: DuckDB 2.0 failed a one-row merge
   * of a 768-float table under 64MB ("failed to allocate 6.0 MiB"); reading the batch from Arrow,
   * it failed one in about three runs under 97MB (16 chunks), so the limit holds 24. Raising it
   * ahead of need matters: see {@link #growMemoryLimitIfNeeded}.
   */
  private void fitMemoryLimitToRows(Connection c, TableSchema schema) throws SQLException {
    if (config.memoryLimit() != null) {
      return;
    }
    long wanted = Math.min(memoryCeiling(), CHUNKS_IN_FLIGHT * 2048 * estimatedRowBytes(schema));
    if (wanted > memoryLimitBytes) {
      try (Statement st = c.createStatement()) {
        st.execute("SET memory_limit = '" + (wanted >> 20) + "MiB'");
      }
      memoryLimitBytes = wanted;
    }
  }

  static final long CHUNKS_IN_FLIGHT = 24;

  /**
   * Turns DuckDB's ALP-RD compression off once a table with a vector column is prepared. On
   * float32 embeddings it was chosen and made both the load and the file worse: 200,000 random
   * 768-float vectors loaded at 17.8k rows/s into 1,207 MB with it, at 24.3k rows/s into 759 MB
   * without it (six-decimal floats: 18.6k into 863 MB against 20.0k into 544 MB, ALP still
   * applying). The setting is the database's, so DOUBLE columns checkpointed later in the same
   * file lose that method too (ALP, dictionary and the others stay).
   */
  private void avoidAlpRdForVectors(Connection c, TableSchema schema) throws SQLException {
    if (alpRdDisabled || schema.columns().stream().noneMatch(col -> col.type() instanceof LogicalType.VectorType)) {
      return;
    }
    try (Statement st = c.createStatement()) {
      st.execute("SET disabled_compression_methods = 'alprd'");
    }
    alpRdDisabled = true;
  }

  /** A rough stored size of one row: what matters is telling 3 KB vector rows from 200-byte ones. */
  public static long estimatedRowBytes(TableSchema schema) {
    long bytes = 16; // the Fivetran columns
    for (ColumnSpec column : schema.columns()) {
      bytes += switch (column.type()) {
        case LogicalType.VectorType t -> 4L * t.dimension().orElse(768);
        case LogicalType.StringType t -> 32;
        case LogicalType.JsonType t -> 64;
        case LogicalType.BinaryType t -> 64;
        case LogicalType.DecimalType t -> 16;
        default -> 8;
      };
    }
    return bytes;
  }

  /** DuckDB's own default limit: 80% of the machine's memory. */
  private static long memoryCeiling() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    if (os instanceof com.sun.management.OperatingSystemMXBean hotspot) {
      return hotspot.getTotalMemorySize() / 10 * 8;
    }
    return Long.MAX_VALUE;
  }

  /**
   * Rows written between two looks at the key indexes' size: the look is a query on
   * {@code duckdb_memory()}, on the writer's thread, so not after every batch. 50,000 random BIGINT
   * keys add about 2MB of index, far inside the margin the 40% rule leaves.
   */
  static final long MEMORY_CHECK_ROWS = 50_000;
  private long rowsSinceMemoryCheck = MEMORY_CHECK_ROWS;

  /**
   * When the limit grows on demand: every {@link #MEMORY_CHECK_ROWS} rows written, if the key
   * indexes take more than 40% of the limit, doubles it, up to 80% of the machine's memory. Under a
   * fixed 128MB limit, loading a BIGINT-keyed table failed at 12M rows with 94MB of index (73%), so
   * 40% leaves room for batches, staging and merges. DuckDB's total use is no guide: it fills its
   * limit with evictable cache, so growing on that grew every big load to the ceiling.
   * Raising it ahead of need keeps DuckDB out of its out-of-memory path: a commit that fails for
   * memory was seen to leave the key index inconsistent (a retry then reported a duplicate key).
   */
  private void growMemoryLimitIfNeeded(Connection c) throws SQLException {
    if (config.memoryLimit() != null) {
      return;
    }
    long used;
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(
            "SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory() WHERE tag = 'ART_INDEX'")) {
      used = rs.next() ? rs.getLong(1) : 0;
    }
    long ceiling = memoryCeiling();
    if (used * 5 <= memoryLimitBytes * 2 || memoryLimitBytes >= ceiling) {
      return;
    }
    long raised = Math.min(ceiling, memoryLimitBytes * 2);
    try (Statement st = c.createStatement()) {
      st.execute("SET memory_limit = '" + (raised >> 20) + "MiB'");
    }
    LOG.info("DuckDB's key indexes hold {} MiB of its {} MiB memory limit; limit raised to {} MiB",
        used >> 20, memoryLimitBytes >> 20, raised >> 20);
    memoryLimitBytes = raised;
  }
}
