package io.tidbsync.domain.normalize;

/** Turns one raw source value (never null) into its canonical form for one column. */
@FunctionalInterface
interface ValueConverter {
  /**
   * @throws IllegalArgumentException when the value does not fit; the message says why
   */
  Object convert(Object raw, NormalizationStats stats);
}
