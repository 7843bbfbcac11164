package io.tidbsync.domain.normalize;

/** Counts of values normalization changed silently by rule; one per table, one thread at a time. */
public final class NormalizationStats {
  private long zeroDates;

  public void zeroDate() {
    zeroDates++;
  }

  /** Adds another's counts (a key range's, when a table is read in ranges). */
  public void add(NormalizationStats other) {
    zeroDates += other.zeroDates;
  }

  public long zeroDates() {
    return zeroDates;
  }
}
