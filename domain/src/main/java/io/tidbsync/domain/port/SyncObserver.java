package io.tidbsync.domain.port;

import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableReport;

/** Hears what a sync does, for progress display and logs. Calls must return quickly. */
public interface SyncObserver {
  SyncObserver NONE = new SyncObserver() {};

  /** The run is about to sync this many tables. */
  default void runStarted(int tables) {}

  default void tableStarted(TableId table) {}

  /**
   * The table is read whole in this run (a first sync, a full refresh, a table without key) and the
   * server estimates it holds about this many rows: enough for a percentage and an ETA.
   */
  default void tableEstimated(TableId table, long rows) {}

  default void batchWritten(TableId table, long rowsReadSoFar) {}

  default void rowRejected(TableId table, String rowKey, String reason) {}

  default void tableFinished(TableReport report) {}

  default void warning(String message) {}
}
