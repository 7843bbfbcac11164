package io.tidbsync.destination.duckdb;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where the DuckDB destination writes (the database file and the schema tables go into) and how
 * much it may hold: {@code memoryLimit} is DuckDB's {@code memory_limit}, fixed, or {@code null} for
 * a limit that starts at {@code autoMemoryStart} and doubles whenever DuckDB runs out (up to 80% of
 * the machine's memory, DuckDB's own default); {@code checkpointThreshold} is DuckDB's
 * {@code checkpoint_threshold} (the write-ahead log size that triggers a checkpoint), fixed, or
 * {@code null} to follow the widest table's rows. All are
 * DuckDB sizes such as {@code 256MB} or {@code 1GiB}. {@code threads} is DuckDB's {@code threads},
 * fixed, or {@code null} to choose per table ({@link DuckDbThreads}) from the cores the sync's
 * {@code readers} (tables read at the same time) leave.
 *
 * <p>Why a limit that grows: a small fixed limit keeps a sync's footprint flat, but a table's
 * primary-key index (about 8 bytes a row) must fit in it; with 128MB a 20-million-row table failed
 * to load ("could not allocate block"). DuckDB's default (80% of memory) never fails that way but
 * lets the footprint grow with caches. Starting small and doubling on demand gives both.
 *
 * <p>Why 64MB to start: DuckDB fills its limit with evictable cache, so the limit is most of its
 * footprint. On the bench's 5M-row table a 128MB start peaked at 503-514 MB, a 64MB start at 454 MB,
 * at the same speed, and the 768-float vectors at 426-458 MB instead of 501. What the start must
 * hold is the key index: sequential BIGINT keys took about 10MB at 5M keys (checkpointed index
 * pages are evicted like the rest), random BIGINT keys about 200MB at 5M, which grew the limit to
 * 976MB on the way, as designed.
 */
public record DuckDbConfig(Path file, String schema, String memoryLimit, String checkpointThreshold,
    String autoMemoryStart, Integer threads, int readers) {
  /** No fixed limit: start at {@link #DEFAULT_AUTO_MEMORY_START} and grow on demand. */
  public static final String DEFAULT_MEMORY_LIMIT = null;

  public static final String DEFAULT_AUTO_MEMORY_START = "64MB";

  /**
   * None: chosen from the widest table prepared ({@link #autoCheckpointBytes}). DuckDB's default
   * (16MB) checkpoints every few batches, and each checkpoint recompresses the table's last row
   * group (122,880 rows) in full: for wide rows (768-float vectors fill 3 KB a row) that made
   * loading quadratic within each row group (150k vectors: 3.3k rows/s at 16MB, 8.8k at 64MB,
   * 15.7k at 256MB, 17.7k at 1GB). Data not yet checkpointed is held in memory, so narrow tables
   * keep a small threshold: at 256MB the bench's 5M-row table peaked 11% higher than at 1M rows,
   * at 64MB the two were equal. The write-ahead log is durable at every commit, so the threshold
   * costs log size and replay time after a crash, not safety.
   */
  public static final String DEFAULT_CHECKPOINT_THRESHOLD = null;

  /** The smallest automatic threshold, for narrow rows. */
  public static final long MIN_AUTO_CHECKPOINT_BYTES = 64L << 20;

  /**
   * The automatic threshold for rows of about {@code rowBytes}: two thirds of a row group's worth,
   * so a row group is recompressed about twice while it fills, from 64MiB up to 1GiB.
   */
  public static long autoCheckpointBytes(long rowBytes) {
    long wanted = rowBytes * 122_880L * 2 / 3;
    return Math.max(MIN_AUTO_CHECKPOINT_BYTES, Math.min(1L << 30, wanted));
  }

  private static final Pattern SIZE = Pattern.compile("\\d+(?:\\.\\d+)?\\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)",
      Pattern.CASE_INSENSITIVE);

  public DuckDbConfig {
    requireNonNull(file, "file is null");
    requireNonNull(schema, "schema is null");
    if (schema.isBlank()) {
      throw new IllegalArgumentException("schema is blank");
    }
    if (memoryLimit != null) {
      checkSize("memoryLimit", memoryLimit);
    }
    if (checkpointThreshold != null) {
      checkSize("checkpointThreshold", checkpointThreshold);
    }
    checkSize("autoMemoryStart", autoMemoryStart);
    if (threads != null && (threads < 1 || threads > MAX_THREADS)) {
      throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + ": " + threads);
    }
    if (readers < 1) {
      throw new IllegalArgumentException("readers must be positive: " + readers);
    }
  }

  /** The most threads a configuration may give DuckDB. */
  public static final int MAX_THREADS = 1024;

  public DuckDbConfig(Path file, String schema, String memoryLimit, String checkpointThreshold,
      Integer threads, int readers) {
    this(file, schema, memoryLimit, checkpointThreshold, DEFAULT_AUTO_MEMORY_START, threads, readers);
  }

  public DuckDbConfig(Path file, String schema, String memoryLimit, String checkpointThreshold,
      String autoMemoryStart) {
    this(file, schema, memoryLimit, checkpointThreshold, autoMemoryStart, null, 1);
  }

  public DuckDbConfig(Path file, String schema, String memoryLimit, String checkpointThreshold) {
    this(file, schema, memoryLimit, checkpointThreshold, DEFAULT_AUTO_MEMORY_START);
  }

  public DuckDbConfig(Path file, String schema) {
    this(file, schema, DEFAULT_MEMORY_LIMIT, DEFAULT_CHECKPOINT_THRESHOLD);
  }

  /** The limit a new connection starts with: the fixed one, else the start of the growing one. */
  public String initialMemoryLimit() {
    return memoryLimit != null ? memoryLimit : autoMemoryStart;
  }

  /** In bytes, DuckDB's way (KB = 1000, KiB = 1024). */
  static long bytes(String size) {
    java.util.regex.Matcher m = SIZE.matcher(size.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: " + size);
    }
    String unit = m.group(1).toUpperCase(java.util.Locale.ROOT);
    double number = Double.parseDouble(size.trim().substring(0, size.trim().length() - m.group(1).length()).trim());
    long factor = switch (unit) {
      case "B" -> 1L;
      case "KB" -> 1000L;
      case "MB" -> 1000_000L;
      case "GB" -> 1000_000_000L;
      case "TB" -> 1000_000_000_000L;
      case "KIB" -> 1L << 10;
      case "MIB" -> 1L << 20;
      case "GIB" -> 1L << 30;
      default -> 1L << 40;
    };
    return (long) (number * factor);
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
    java.util.List<String> settings = new java.util.ArrayList<>();
    settings.add("SET memory_limit = '" + initialMemoryLimit().trim() + "'");
    settings.add("SET checkpoint_threshold = '" + (checkpointThreshold != null
        ? checkpointThreshold.trim() : (MIN_AUTO_CHECKPOINT_BYTES >> 20) + "MiB") + "'");
    return settings;
  }
}
