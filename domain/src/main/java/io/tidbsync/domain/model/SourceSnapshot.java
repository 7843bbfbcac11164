package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A consistent snapshot of the source that a run's reads are pinned to: TiDB's timestamp oracle
 * value ({@code tso}) and the moment it stands for. Rows committed after it are not seen by reads at
 * it.
 */
public record SourceSnapshot(long tso, Instant time) {
  public SourceSnapshot {
    if (tso <= 0) {
      throw new IllegalArgumentException("tso must be positive: " + tso);
    }
    requireNonNull(time, "time is null");
  }

  /** A TiDB TSO's moment: its high bits are milliseconds since the epoch, its low 18 a counter. */
  public static SourceSnapshot ofTso(long tso) {
    return new SourceSnapshot(tso, Instant.ofEpochMilli(tso >>> 18));
  }

  @Override
  public String toString() {
    return "TSO " + tso + " (" + time + ")";
  }
}
