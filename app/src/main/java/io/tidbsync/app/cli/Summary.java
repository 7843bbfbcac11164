package io.tidbsync.app.cli;

import io.tidbsync.domain.failure.SyncFailure;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import java.io.PrintStream;
import java.util.Locale;

/**
 * The per-table table printed at the end of a sync. "changed" is what the destination actually
 * wrote (rows new or different); "unchanged" rows were read again (the look-back window) and
 * found identical, so a run that changed nothing says 0 changed. Numbers have thousands
 * separators, as the progress line does; rows/s is left out for tables done in under a second.
 */
final class Summary {
  private Summary() {}

  static void print(SyncReport report, PrintStream out) {
    int width = Math.max(5, report.tables().stream().mapToInt(t -> t.table().toString().length()).max().orElse(5));
    String format = "%-" + width + "s  %-7s %11s %11s %11s %9s %11s %8s %8s %9s%n";
    out.printf(Locale.ROOT, format, "table", "result", "read", "changed", "unchanged", "deleted", "quarantined",
        "skipped", "seconds", "rows/s");
    long read = 0;
    long changed = 0;
    long unchanged = 0;
    int failed = 0;
    for (TableReport t : report.tables()) {
      boolean ok = t.outcome() instanceof TableOutcome.Synced;
      failed += ok ? 0 : 1;
      double seconds = t.elapsed().toNanos() / 1e9;
      out.printf(Locale.ROOT, format, t.table().toString(), ok ? "synced" : "FAILED", count(t.rowsRead()),
          count(changed(t)), count(t.rowsUnchanged()), count(t.rowsDeleted()), count(t.rowsQuarantined()),
          count(t.rowsSkipped()), String.format(Locale.ROOT, "%.2f", seconds),
          seconds < 1 ? "" : count(Math.round(t.rowsPerSecond())));
      read += t.rowsRead();
      changed += changed(t);
      unchanged += t.rowsUnchanged();
    }
    out.printf(Locale.ROOT, "%s, %s read: %s new or changed, %s unchanged%n",
        failed == 0 ? plural(report.tables().size(), "table") + " synced"
            : plural(report.tables().size() - failed, "table") + " synced, " + failed + " FAILED",
        plural(read, "row"), count(changed), count(unchanged));
    report.snapshot().ifPresent(s -> out.println("read at one snapshot of the source: " + s));
    for (TableReport t : report.tables()) {
      for (String note : t.notes()) {
        out.println("  " + t.table() + ": " + note);
      }
      if (t.outcome() instanceof TableOutcome.Failed f) {
        out.println("  " + t.table() + ": " + f.reason());
      }
      if (t.rowsQuarantined() > 0) {
        out.println("  " + t.table() + ": " + plural(t.rowsQuarantined(), "row")
            + " in quarantine, re-read every run (see `tidb-sync quarantine`)");
      }
    }
    report.failure().ifPresent(f -> out.println("result: " + f.message()));
  }

  /** A run that synced no table: why, in the same words as the CLI's other errors. */
  static void printFailure(SyncFailure failure, PrintStream out) {
    switch (failure) {
      case SyncFailure.ConfigurationInvalid c -> {
        out.println("tidb-sync: bad configuration, nothing was synced:");
        c.message().lines().forEach(line -> out.println("  - " + line));
      }
      case SyncFailure.SourceUnreachable s -> out.println("tidb-sync: source unreachable: " + s.message());
      case SyncFailure.DestinationUnavailable d -> out.println("tidb-sync: destination unavailable: " + d.message());
      default -> out.println("tidb-sync: " + failure.message());
    }
  }

  /** Rows the destination wrote: those sent to it, less those it found identical. */
  static long changed(TableReport t) {
    return Math.max(0, t.rowsUpserted() - t.rowsUnchanged());
  }

  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String plural(long n, String noun) {
    return count(n) + " " + noun + (n == 1 ? "" : "s");
  }
}
