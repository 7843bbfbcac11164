package io.tidbsync.app.cli;

import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import java.io.PrintStream;
import java.util.Locale;

/** The per-table table printed at the end of a sync. */
final class Summary {
  private Summary() {}

  static void print(SyncReport report, PrintStream out) {
    int width = Math.max(5, report.tables().stream().mapToInt(t -> t.table().name().length()).max().orElse(5));
    String format = "%-" + width + "s  %-7s %12s %12s %8s %10s %9s %10s%n";
    out.printf(Locale.ROOT, format, "table", "outcome", "rows read", "upserted", "skipped", "zero dates", "seconds", "rows/s");
    long read = 0;
    long upserted = 0;
    for (TableReport t : report.tables()) {
      out.printf(Locale.ROOT, format, t.table().name(), t.outcome() instanceof TableOutcome.Synced ? "synced" : "FAILED",
          t.rowsRead(), t.rowsUpserted(), t.rowsSkipped(), t.zeroDates(),
          String.format(Locale.ROOT, "%.2f", t.elapsed().toNanos() / 1e9),
          String.format(Locale.ROOT, "%.0f", t.rowsPerSecond()));
      read += t.rowsRead();
      upserted += t.rowsUpserted();
    }
    out.printf(Locale.ROOT, "%d tables, %d rows read, %d upserted%n", report.tables().size(), read, upserted);
    for (TableReport t : report.tables()) {
      if (t.outcome() instanceof TableOutcome.Failed failed) {
        out.println("  " + t.table() + ": " + failed.reason());
      }
    }
    report.failure().ifPresent(f -> out.println("result: " + f.message()));
  }
}
