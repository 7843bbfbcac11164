package io.tidbsync.destination.duckdb;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the DuckDB destination writes (the database file and the schema tables go into) and how
 * much it may hold: {@code memoryLimit} is DuckDB's {@code memory_limit} (beyond it DuckDB spills to
 * temporary files), {@code checkpointThreshold} its {@code checkpoint_threshold} (the write-ahead
 * log size that triggers a checkpoint). Both are DuckDB sizes such as {@code 256MB} or {@code 1GiB}.
 */
public record DuckDbConfig(Path file, String schema, String memoryLimit, String checkpointThreshold) {
  /**
   * DuckDB's own default is 80% of the machine's memory; a bounded default keeps a sync's footprint
   * the same whatever the table size.
   */
  public static final String DEFAULT_MEMORY_LIMIT = "256MB";

  /**
   * DuckDB's default (16MB) checkpoints every few batches, and each checkpoint recompresses the
   * table's last row group in full: for wide rows (768-float vectors fill 3 KB a row) that made
   * loading quadratic within each row group. The write-ahead log is durable at every commit, so a
   * larger threshold costs only log size and replay time after a crash, not safety.
   */
  public static final String DEFAULT_CHECKPOINT_THRESHOLD = "1GB";

  private static final Pattern SIZE = Pattern.compile("\\d+(\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)",
      Pattern.CASE_INSENSITIVE);

  public DuckDbConfig {
    requireNonNull(file, "file is null");
    requireNonNull(schema, "schema is null");
    if (schema.isBlank()) {
      throw new IllegalArgumentException("schema is blank");
    }
    checkSize("memoryLimit", memoryLimit);
    checkSize("checkpointThreshold", checkpointThreshold);
  }

  public DuckDbConfig(Path file, String schema) {
    this(file, schema, DEFAULT_MEMORY_LIMIT, DEFAULT_CHECKPOINT_THRESHOLD);
  }

  /** Whether {@code text} is a size DuckDB accepts in these settings, such as {@code 512MB}. */
  public static boolean isSize(String text) {
    return text != null && SIZE.matcher(text.trim()).matches();
  }

  private static void checkSize(String name, String value) {
    if (!isSize(value)) {
      throw new IllegalArgumentException(name + " must be a size such as 256MB or 1GB, not " + value);
    }
  }

  /** The statements that apply these settings to a new connection (values checked above). */
  public java.util.List<String> settings() {
    return java.util.List.of("SET memory_limit = '" + memoryLimit.trim() + "'",
        "SET checkpoint_threshold = '" + checkpointThreshold.trim() + "'");
  }
}
