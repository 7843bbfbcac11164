package io.tidbsync.destination.duckdb;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Microseconds since the epoch, as DuckDB stores TIMESTAMP and TIMESTAMPTZ: appended as a number
 * ({@code DuckDBAppender.appendEpochMicros}), without the OffsetDateTime and calendar arithmetic
 * the object overloads cost per value. Sub-microsecond digits are dropped.
 */
public final class EpochMicros {
  private EpochMicros() {}

  public static long of(Instant instant) {
    return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  /** A naive date-time read as UTC. */
  public static long of(LocalDateTime dateTime) {
    return Math.addExact(Math.multiplyExact(dateTime.toEpochSecond(ZoneOffset.UTC), 1_000_000L),
        dateTime.getNano() / 1_000);
  }
}
