package io.tidbsync.app.cli;

import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableReport;
import io.tidbsync.domain.port.SyncObserver;
import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs table starts, ends and rejected rows; on a terminal also keeps one progress line up to
 * date (at most twice a second).
 */
final class ConsoleProgress implements SyncObserver {
  private static final Logger LOG = LoggerFactory.getLogger("tidb-sync");
  private static final long INTERVAL_NANOS = 500_000_000L;

  private final PrintStream terminal;
  private long started;
  private long lastPrint;

  ConsoleProgress(PrintStream terminal) {
    this.terminal = terminal;
  }

  @Override
  public synchronized void tableStarted(TableId table) {
    started = System.nanoTime();
    LOG.info("syncing table {}", table);
  }

  @Override
  public synchronized void batchWritten(TableId table, long rowsReadSoFar) {
    long now = System.nanoTime();
    if (terminal != null && now - lastPrint > INTERVAL_NANOS) {
      double seconds = Math.max(1e-9, (now - started) / 1e9);
      terminal.printf(Locale.ROOT, "\r%s: %,d rows (%,.0f rows/s)   ", table, rowsReadSoFar, rowsReadSoFar / seconds);
      terminal.flush();
      lastPrint = now;
    }
  }

  @Override
  public void rowRejected(TableId table, String rowKey, String reason) {
    LOG.warn("table {}: row with key {} skipped: {}", table, rowKey, reason);
  }

  @Override
  public synchronized void tableFinished(TableReport report) {
    if (terminal != null) {
      terminal.print("\r\033[K");
      terminal.flush();
    }
    if (report.failed()) {
      LOG.error("table {} failed: {}", report.table(), ((io.tidbsync.domain.model.TableOutcome.Failed) report.outcome()).reason());
    } else {
      LOG.info("table {}: {} rows read, {} upserted, {} skipped, {} zero dates", report.table(),
          report.rowsRead(), report.rowsUpserted(), report.rowsSkipped(), report.zeroDates());
    }
  }

  @Override
  public void warning(String message) {
    LOG.warn(message);
  }
}
