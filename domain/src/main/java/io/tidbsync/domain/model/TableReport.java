package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One table's result: rows read from the source, rows upserted, rows skipped by the row-error
 * policy, zero dates turned into NULL, and how long it took.
 */
public record TableReport(
    TableId table,
    TableOutcome outcome,
    long rowsRead,
    long rowsUpserted,
    long rowsSkipped,
    long zeroDates,
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
