package io.tidbsync.domain.port;

import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableReport;

/** Hears what a sync does, for progress display and logs. Calls must return quickly. */
public interface SyncObserver {
  SyncObserver NONE = new SyncObserver() {};

  default void tableStarted(TableId table) {}

  default void batchWritten(TableId table, long rowsReadSoFar) {}

  default void rowRejected(TableId table, String rowKey, String reason) {}

  default void tableFinished(TableReport report) {}

  default void warning(String message) {}
}
