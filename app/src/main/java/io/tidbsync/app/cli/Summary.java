package io.tidbsync.app.cli;

import io.tidbsync.domain.failure.SyncFailure;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The per-table table printed at the end of a sync. "new" and "updated" are what the destination
 * actually wrote (keys it did not have, rows whose values differed); "unchanged" rows were read
 * again (the look-back window) and found identical, so a run that changed nothing says 0 and 0.
 * A destination that cannot tell new from updated (JSON lines, Fivetran) shows its rows under
 * "written". Numbers have thousands
 * separators, as the progress line does; rows/s is left out for tables done in under a second.
 */
final class Summary {
  private Summary() {}

  static void print(SyncReport report, PrintStream out) {
    int width = Math.max(5, report.tables().stream().mapToInt(t -> t.table().toString().length()).max().orElse(5));
    boolean unsorted = report.tables().stream().anyMatch(t -> t.written().newOrUpdated() > 0);
    String format = "%-" + width + "s  %-7s %11s %11s %11s %11s %9s %11s %8s %8s %9s%n";
    String[] header = {"table", "result", "read", "new", "updated", "unchanged", "deleted", "quarantined",
        "skipped", "seconds", "rows/s"};
    if (unsorted) {
      format = format.replaceFirst("%11s %11s ", "%11s ");
      header = new String[] {"table", "result", "read", "written", "unchanged", "deleted", "quarantined",
          "skipped", "seconds", "rows/s"};
    }
    out.printf(Locale.ROOT, format, (Object[]) header);
    long read = 0;
    io.tidbsync.domain.model.Written written = io.tidbsync.domain.model.Written.NONE;
    long unchanged = 0;
    int failed = 0;
    for (TableReport t : report.tables()) {
      boolean ok = t.outcome() instanceof TableOutcome.Synced;
      failed += ok ? 0 : 1;
      double seconds = t.elapsed().toNanos() / 1e9;
      List<Object> cells = new ArrayList<>(List.of(t.table().toString(), ok ? "synced" : "FAILED", count(t.rowsRead())));
      if (unsorted) {
        cells.add(count(changed(t)));
      } else {
        cells.add(count(t.written().inserted()));
        cells.add(count(t.written().updated()));
      }
      cells.addAll(List.of(count(t.rowsUnchanged()), count(t.rowsDeleted()), count(t.rowsQuarantined()),
          count(t.rowsSkipped()), String.format(Locale.ROOT, "%.2f", seconds),
          seconds < 1 ? "" : count(Math.round(t.rowsPerSecond()))));
      out.printf(Locale.ROOT, format, cells.toArray());
      read += t.rowsRead();
      written = written.plus(t.written());
      unchanged += t.rowsUnchanged();
    }
    String what = unsorted ? count(written.changed()) + " written"
        : count(written.inserted()) + " new, " + count(written.updated()) + " updated";
    out.printf(Locale.ROOT, "%s, %s read: %s, %s unchanged%n",
        failed == 0 ? plural(report.tables().size(), "table") + " synced"
            : plural(report.tables().size() - failed, "table") + " synced, " + failed + " FAILED",
        plural(read, "row"), what, count(unchanged));
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
