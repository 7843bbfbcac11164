package io.tidbsync.domain.failure;

/**
 * What a table's sync does when a source read fails, as the adapter that classified the error
 * decides. Every recovery reads again from the table's last checkpoint, so nothing is skipped.
 */
public enum SourceRecovery {
  /** Nothing read again would help: the table fails, with the error named. */
  FAIL_TABLE,
  /** A passing condition (a region moved, a server was busy, a schema changed under the read): read again after a pause. */
  RETRY,
  /** The query needed more memory than the server allows it: read again in smaller pages. */
  SHRINK_PAGE,
  /** The snapshot the reads are pinned to fell behind the garbage-collection safe point: read again at a fresh one. */
  NEW_SNAPSHOT;

  /** Whether another attempt may succeed. */
  public Transience transience() {
    return this == FAIL_TABLE ? Transience.PERMANENT : Transience.TRANSIENT;
  }
}
