package io.tidbsync.domain.testing;

/**
 * One step of an incremental-sync scenario: a source change, time passing, or a sync run. Shared
 * by the domain's model test and the replay of generated cases against real servers.
 */
public sealed interface ModelOp {
  /** A committed insert or update of row {@code id}, stamped now (or with a NULL cursor). */
  record Upsert(long id, String v, boolean nullCursor) implements ModelOp {}

  record Delete(long id) implements ModelOp {}

  /** A transaction stamps row {@code id} now but commits later (at the next {@code CommitLate}). */
  record BeginLate(long id, String v) implements ModelOp {}

  record CommitLate() implements ModelOp {}

  /** Time passes; at most 5 s per step, so a late commit a few steps later stays inside the window. */
  record Tick(int seconds) implements ModelOp {}

  /** A sync run with this page size; with {@code crashAfterSaves} the state store fails then (a crash). */
  record Sync(int batch, int crashAfterSaves) implements ModelOp {}
}
