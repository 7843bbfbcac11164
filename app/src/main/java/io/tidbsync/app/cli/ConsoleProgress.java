package io.tidbsync.app.cli;

import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableReport;
import io.tidbsync.domain.port.SyncObserver;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs table starts, ends and rejected rows; on a terminal also keeps one progress line up to
 * date (at most twice a second): the tables done, and each table being synced with its rows, and
 * where the server estimated the table's size (a table read whole), its percentage and an ETA.
 */
final class ConsoleProgress implements SyncObserver {
  private static final Logger LOG = LoggerFactory.getLogger("tidb-sync");
  private static final long INTERVAL_NANOS = 500_000_000L;

  /** One table being synced. */
  private static final class Running {
    final long started = System.nanoTime();
    long estimate = -1;
    long rows;
  }

  private final PrintStream terminal;
  private final Map<TableId, Running> running = new LinkedHashMap<>();
  private int tables;
  private int done;
  private final java.util.List<TableReport> finished = new java.util.ArrayList<>();
  private long lastPrint;

  ConsoleProgress(PrintStream terminal) {
    this.terminal = terminal;
  }

  @Override
  public synchronized void runStarted(int count) {
    tables = count;
  }

  @Override
  public synchronized void tableStarted(TableId table) {
    running.put(table, new Running());
    LOG.info("syncing table {}", table);
  }

  @Override
  public synchronized void tableEstimated(TableId table, long rows) {
    Running r = running.get(table);
    if (r != null) {
      r.estimate = rows;
    }
  }

  @Override
  public synchronized void batchWritten(TableId table, long rowsReadSoFar) {
    Running r = running.get(table);
    if (r != null) {
      r.rows = rowsReadSoFar;
    }
    long now = System.nanoTime();
    if (terminal != null && now - lastPrint > INTERVAL_NANOS) {
      terminal.print("\r\033[K" + line(now));
      terminal.flush();
      lastPrint = now;
    }
  }

  /** "[1/4 tables] patients 12,000 of ~50,000 rows, 24%, 8,000 rows/s, ETA 5s". */
  String line(long now) {
    StringBuilder out = new StringBuilder();
    if (tables > 1) {
      out.append(String.format(Locale.ROOT, "[%d/%d tables] ", done, tables));
    }
    boolean first = true;
    for (Map.Entry<TableId, Running> e : running.entrySet()) {
      Running r = e.getValue();
      double seconds = Math.max(1e-3, (now - r.started) / 1e9);
      double rate = r.rows / seconds;
      out.append(first ? "" : " | ").append(e.getKey()).append(' ');
      out.append(String.format(Locale.ROOT, "%,d", r.rows));
      if (r.estimate > 0) {
        long left = Math.max(0, r.estimate - r.rows);
        out.append(String.format(Locale.ROOT, " of ~%,d rows, %d%%", r.estimate,
            Math.min(100, Math.round(100.0 * r.rows / r.estimate))));
        out.append(String.format(Locale.ROOT, ", %,.0f rows/s", rate));
        if (rate > 0 && left > 0) {
          out.append(", ETA ").append(duration(Math.round(left / rate)));
        }
      } else {
        out.append(String.format(Locale.ROOT, " rows, %,.0f rows/s", rate));
      }
      first = false;
    }
    return out.toString();
  }

  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return (seconds / 60) + "m" + String.format(Locale.ROOT, "%02d", seconds % 60) + "s";
    }
    return (seconds / 3600) + "h" + String.format(Locale.ROOT, "%02d", (seconds % 3600) / 60) + "m";
  }

  @Override
  public void rowRejected(TableId table, String rowKey, String reason) {
    LOG.warn("table {}: row with key {} skipped: {}", table, rowKey, reason);
  }

  @Override
  public synchronized void tableFinished(TableReport report) {
    running.remove(report.table());
    finished.add(report);
    done++;
    if (terminal != null) {
      terminal.print("\r\033[K");
      terminal.flush();
    }
    if (report.failed()) {
      LOG.error("table {} failed: {}", report.table(), ((io.tidbsync.domain.model.TableOutcome.Failed) report.outcome()).reason());
    } else {
      LOG.info("table {}: {} rows read, {} changed, {} unchanged", report.table(),
          String.format(Locale.ROOT, "%,d", report.rowsRead()), String.format(Locale.ROOT, "%,d", Summary.changed(report)),
          String.format(Locale.ROOT, "%,d", report.rowsUnchanged()));
    }
  }

  /**
   * What a run stopped by Ctrl-C (or SIGTERM) got through: the tables finished, and the rows read
   * so far of those under way. Each table's position was saved after each batch the destination
   * made durable, so the next run goes on from there.
   */
  synchronized java.util.List<String> interrupted() {
    java.util.List<String> lines = new java.util.ArrayList<>();
    lines.add("tidb-sync: interrupted; " + done + " of " + tables + " tables finished. Each table's position is saved"
        + " up to the last batch written, and the next run goes on from there.");
    for (TableReport r : finished) {
      lines.add("  " + r.table() + ": " + (r.failed() ? "FAILED" : "synced") + ", "
          + Summary.plural(r.rowsRead(), "row") + " read, " + Summary.count(Summary.changed(r)) + " changed");
    }
    running.forEach((table, r) -> lines.add("  " + table + ": interrupted after " + Summary.plural(r.rows, "row")
        + " read"));
    return lines;
  }

  @Override
  public void warning(String message) {
    LOG.warn(message);
  }
}
