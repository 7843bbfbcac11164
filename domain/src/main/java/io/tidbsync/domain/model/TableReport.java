package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One table's result: rows read from the source, rows upserted, of those the ones that were
 * already identical (re-read by the look-back window), rows skipped or newly quarantined by the
 * row-error policy, rows still in quarantine, zero dates turned into NULL, rows whose cursor is
 * NULL, rows newly marked deleted, and how long it took.
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
    Duration elapsed) {
  public TableReport {
    requireNonNull(table, "table is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(elapsed, "elapsed is null");
  }

  public boolean failed() {
    return outcome instanceof TableOutcome.Failed;
  }

  public double rowsPerSecond() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds <= 0 ? 0 : rowsRead / seconds;
  }
}
