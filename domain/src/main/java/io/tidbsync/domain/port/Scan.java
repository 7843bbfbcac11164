package io.tidbsync.domain.port;

/** Which rows a {@link ReadRequest} covers and in which order. */
public enum Scan {
  /** Rows whose cursor is not NULL, in (cursor, primary key) order: incremental reads. */
  CURSOR,
  /** Rows whose cursor is NULL, in primary-key order. */
  NULL_CURSOR,
  /** Every row, in primary-key order: full refresh. */
  ALL_BY_KEY,
  /** Every row of a table without any key, in no order, in one stream (no page limit). */
  EVERY_ROW
}
