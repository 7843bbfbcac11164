package io.tidbsync.domain.config;

/**
 * How hard a run works: {@code parallelism} tables (or key ranges of one table) at a time; write
 * batches of at most {@link SyncConfig#batchSize()} rows and {@code batchBytes} estimated bytes;
 * the reader at most {@code readAhead} batches ahead of the writer. A table's first sync is read
 * as key ranges of about {@code splitRows} rows, {@code parallelism} at a time, when the table has
 * at least two such ranges ({@code splitRows} 0: never). Memory of a
 * run is about {@code parallelism × (readAhead + 2) × batchBytes} times the object overhead, and
 * the square of that while first syncs of big tables run side by side. A read that fails with a
 * passing source error is read again after {@code retryPause}, doubled for each next attempt.
 */
public record Tuning(int parallelism, long batchBytes, int readAhead, long splitRows, java.time.Duration retryPause) {
  public static final java.time.Duration DEFAULT_RETRY_PAUSE = java.time.Duration.ofMillis(200);
  public static final long DEFAULT_BATCH_BYTES = 8L << 20;
  public static final int DEFAULT_READ_AHEAD = 1;
  public static final long DEFAULT_SPLIT_ROWS = 500_000;
  /** At most this many key ranges per table. */
  public static final int MAX_RANGES = 64;
  public static final Tuning DEFAULTS =
      new Tuning(defaultParallelism(), DEFAULT_BATCH_BYTES, DEFAULT_READ_AHEAD, DEFAULT_SPLIT_ROWS, DEFAULT_RETRY_PAUSE);

  public Tuning {
    if (parallelism < 1 || parallelism > 64) {
      throw new IllegalArgumentException("parallelism must be between 1 and 64: " + parallelism);
    }
    if (batchBytes < 1024) {
      throw new IllegalArgumentException("batchBytes must be at least 1024: " + batchBytes);
    }
    if (splitRows < 0) {
      throw new IllegalArgumentException("splitRows must not be negative: " + splitRows);
    }
    if (readAhead < 1) {
      throw new IllegalArgumentException("readAhead must be positive: " + readAhead);
    }
    if (retryPause == null || retryPause.isNegative()) {
      throw new IllegalArgumentException("retryPause must not be negative: " + retryPause);
    }
  }

  public Tuning(int parallelism, long batchBytes, int readAhead, long splitRows) {
    this(parallelism, batchBytes, readAhead, splitRows, DEFAULT_RETRY_PAUSE);
  }

  public Tuning(int parallelism, long batchBytes, int readAhead) {
    this(parallelism, batchBytes, readAhead, DEFAULT_SPLIT_ROWS);
  }

  public Tuning withRetryPause(java.time.Duration pause) {
    return new Tuning(parallelism, batchBytes, readAhead, splitRows, pause);
  }

  /** Half the cores (a reader and a writer per table), at least 1 and at most 8. */
  public static int defaultParallelism() {
    return Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors() / 2));
  }
}
