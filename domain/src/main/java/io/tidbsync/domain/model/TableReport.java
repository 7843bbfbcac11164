package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One table's result: rows read from the source, rows upserted, of those the ones that were
 * already identical (re-read by the look-back window), rows skipped or newly quarantined by the
 * row-error policy, rows still in quarantine, zero dates turned into NULL, rows whose cursor is
 * NULL, rows newly marked deleted, how long it took, and what changed about the table itself
 * ({@code notes}: created, columns added or widened, copied again from the start and why), and
 * what the destination did with the rows sent ({@code written}: new, updated).
 */
public record TableReport(
    TableId table,
    TableOutcome outcome,
    long rowsRead,
    long rowsUpserted,
    long rowsUnchanged,
    long rowsSkipped,
    long rowsQuarantined,
    long zeroDates,
    long nullCursorRows,
    long rowsDeleted,
    Duration elapsed,
    java.util.List<String> notes,
    Written written) {
  public TableReport {
    requireNonNull(written, "written is null");
    requireNonNull(table, "table is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(elapsed, "elapsed is null");
    notes = java.util.List.copyOf(requireNonNull(notes, "notes is null"));
  }

  public TableReport(TableId table, TableOutcome outcome, long rowsRead, long rowsUpserted, long rowsUnchanged,
      long rowsSkipped, long rowsQuarantined, long zeroDates, long nullCursorRows, long rowsDeleted, Duration elapsed) {
    this(table, outcome, rowsRead, rowsUpserted, rowsUnchanged, rowsSkipped, rowsQuarantined, zeroDates, nullCursorRows,
        rowsDeleted, elapsed, java.util.List.of(), Written.NONE);
  }

  public boolean failed() {
    return outcome instanceof TableOutcome.Failed;
  }

  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : rowsRead / seconds;
  }
}
