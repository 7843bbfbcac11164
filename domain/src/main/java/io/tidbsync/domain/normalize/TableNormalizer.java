package io.tidbsync.domain.normalize;

import io.tidbsync.domain.model.Row;

/**
 * Normalizes the rows of one table in place. Not thread-safe: one per table read.
 */
public final class TableNormalizer {
  private final String[] names;
  private final ValueConverter[] converters;
  private final ValueConverter[] canonical;
  /** Cursor and key values are counted by {@link #normalize}, so these counts are discarded. */
  private final NormalizationStats discarded = new NormalizationStats();

  TableNormalizer(String[] names, ValueConverter[] converters, ValueConverter[] canonical) {
    this.names = names;
    this.converters = converters;
    this.canonical = canonical;
  }

  /**
   * Replaces every raw value of {@code row} with its normalized form and returns the row.
   *
   * @throws RowRejectedException naming the first column whose value does not fit
   */
  public Row normalize(Row row, NormalizationStats stats) {
    Object[] values = row.values();
    if (values.length != converters.length) {
      throw new RowRejectedException(
          "*", "row has " + values.length + " values for " + converters.length + " columns");
    }
    for (int i = 0; i < values.length; i++) {
      Object raw = values[i];
      if (raw != null) {
        values[i] = convert(i, converters[i], raw, stats);
      }
    }
    return row;
  }

  /**
   * The canonical value of column {@code index} in the source's own type (naive stays naive), as
   * cursor positions need it; {@code null} for NULL and zero dates.
   */
  public Object canonical(int index, Object raw) {
    return raw == null ? null : convert(index, canonical[index], raw, discarded);
  }

  private Object convert(int index, ValueConverter converter, Object raw, NormalizationStats stats) {
    try {
      return converter.convert(raw, stats);
    } catch (IllegalArgumentException | ClassCastException | ArithmeticException e) {
      throw new RowRejectedException(names[index], String.valueOf(e.getMessage()));
    }
  }
}
