package io.tidbsync.domain.config;

/** What a row that cannot be normalized does to its table's sync. */
public enum RowErrorPolicy {
  /**
   * The default: the row is recorded in state (table, key, reason) and re-read every run until it
   * converts or is acknowledged; the table goes on.
   */
  QUARANTINE,
  /** Count it, keep a sample in state, and go on; the row is not retried (the seed's behaviour). */
  SKIP,
  /** Fail the table at that row; the cursor stays before it. */
  FAIL
}
