package io.tidbsync.app.cli;

import io.tidbsync.domain.failure.SyncFailure;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import java.io.PrintStream;
import java.util.Locale;

/** The per-table table printed at the end of a sync. */
final class Summary {
  private Summary() {}

  static void print(SyncReport report, PrintStream out) {
    int width = Math.max(5, report.tables().stream().mapToInt(t -> t.table().toString().length()).max().orElse(5));
    String format = "%-" + width + "s  %-7s %10s %10s %10s %8s %11s %10s %11s %8s %8s %9s%n";
    out.printf(Locale.ROOT, format, "table", "outcome", "rows read", "upserted", "unchanged", "skipped", "quarantined",
        "zero dates", "null cursor", "deleted", "seconds", "rows/s");
    long read = 0;
    long upserted = 0;
    for (TableReport t : report.tables()) {
      out.printf(Locale.ROOT, format, t.table().toString(), t.outcome() instanceof TableOutcome.Synced ? "synced" : "FAILED",
          t.rowsRead(), t.rowsUpserted(), t.rowsUnchanged(), t.rowsSkipped(), t.rowsQuarantined(), t.zeroDates(),
          t.nullCursorRows(), t.rowsDeleted(), String.format(Locale.ROOT, "%.2f", t.elapsed().toNanos() / 1e9),
          String.format(Locale.ROOT, "%.0f", t.rowsPerSecond()));
      read += t.rowsRead();
      upserted += t.rowsUpserted();
    }
    out.printf(Locale.ROOT, "%d tables, %d rows read, %d upserted%n", report.tables().size(), read, upserted);
    report.snapshot().ifPresent(s -> out.println("read at one snapshot of the source: " + s));
    for (TableReport t : report.tables()) {
      for (String note : t.notes()) {
        out.println("  " + t.table() + ": " + note);
      }
      if (t.outcome() instanceof TableOutcome.Failed failed) {
        out.println("  " + t.table() + ": " + failed.reason());
      }
      if (t.rowsQuarantined() > 0) {
        out.println("  " + t.table() + ": " + t.rowsQuarantined()
            + " rows in quarantine, re-read every run (see `tidb-sync quarantine`)");
      }
    }
    report.failure().ifPresent(f -> {
      if (f instanceof SyncFailure.ConfigurationInvalid) {
        out.println("result: bad configuration, nothing was synced:");
        f.message().lines().forEach(line -> out.println("  - " + line));
      } else {
        out.println("result: " + f.message());
      }
    });
  }
}
