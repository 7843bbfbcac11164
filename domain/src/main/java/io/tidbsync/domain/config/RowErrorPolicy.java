package io.tidbsync.domain.config;

/** What a row that cannot be normalized does to its table's sync. */
public enum RowErrorPolicy {
  /** Count it, keep a sample in state, and go on (the seed's behaviour). */
  SKIP,
  /** Fail the table at that row; the cursor stays before it. */
  FAIL
}
