package io.tidbsync.domain.normalize;

/** Counts of values normalization changed silently by rule; one per table, one thread at a time. */
public final class NormalizationStats {
  private long zeroDates;

  public void zeroDate() {
    zeroDates++;
  }

  public long zeroDates() {
    return zeroDates;
  }
}
