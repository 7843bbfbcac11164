package io.tidbsync.domain;

import io.tidbsync.domain.failure.SourceException;
import io.tidbsync.domain.failure.SourceRecovery;
import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.model.SourceSnapshot;
import java.time.Duration;
import java.util.Optional;

/**
 * Runs a table's reads and, when one fails with a source error that reading again may cure, reads
 * again from the table's last checkpoint: after a pause ({@link SourceRecovery#RETRY}), in smaller
 * pages ({@link SourceRecovery#SHRINK_PAGE}) or at a fresh snapshot
 * ({@link SourceRecovery#NEW_SNAPSHOT}), each with a warning naming the table and the error. Rows
 * durable before the failure are kept, and the checkpoint says where reading resumes, so nothing
 * is skipped. After {@link #MAX_ATTEMPTS} attempts, or for an error nothing cures, the error is
 * thrown and the table fails.
 */
final class ReadRecovery {
  static final int MAX_ATTEMPTS = 6;
  /** Pages never shrink below this many rows. */
  static final int MIN_PAGE_ROWS = 100;

  private final TableSync sync;
  private final TableRun run;
  private final Duration firstPause;

  ReadRecovery(TableSync sync, TableRun run, Duration firstPause) {
    this.sync = sync;
    this.run = run;
    this.firstPause = firstPause;
  }

  void run(Runnable reads) {
    for (int attempt = 1; ; attempt++) {
      Optional<SourceSnapshot> snapshot = sync.snapshots.current();
      try {
        reads.run();
        return;
      } catch (SourceUnreachableException e) {
        throw e;
      } catch (SourceException e) {
        if (e.recovery() == SourceRecovery.FAIL_TABLE || attempt >= MAX_ATTEMPTS) {
          throw e;
        }
        recover(e, attempt, snapshot);
      }
    }
  }

  private void recover(SourceException e, int attempt, Optional<SourceSnapshot> snapshot) {
    String table = "table " + run.schema.table();
    String again = "; reading again from its last checkpoint (attempt " + (attempt + 1) + " of " + MAX_ATTEMPTS + ")";
    switch (e.recovery()) {
      case RETRY -> {
        Duration pause = firstPause.multipliedBy(1L << Math.min(attempt - 1, 6));
        sync.observer.warning(table + ": " + e.getMessage() + again + " in " + pause.toMillis() + " ms");
        pause(pause);
      }
      case SHRINK_PAGE -> {
        int before = run.pageRows;
        run.pageRows = Math.max(MIN_PAGE_ROWS, before / 4);
        sync.observer.warning(table + ": " + e.getMessage() + again + " in pages of " + run.pageRows
            + " rows instead of " + before);
      }
      case NEW_SNAPSHOT -> {
        Optional<SourceSnapshot> fresh = sync.snapshots.renew(snapshot);
        sync.observer.warning(table + ": the snapshot " + snapshot.map(SourceSnapshot::toString).orElse("")
            + " is no longer readable (" + e.getMessage() + ")" + again + " at snapshot "
            + fresh.map(SourceSnapshot::toString).orElse("(none)"));
      }
      case FAIL_TABLE -> throw e;
    }
  }

  private static void pause(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to read again", interrupted);
    }
  }
}
