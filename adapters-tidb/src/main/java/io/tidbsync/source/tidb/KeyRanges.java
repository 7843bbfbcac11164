package io.tidbsync.source.tidb;

import io.tidbsync.domain.model.LogicalType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Cut points of an integer key interval. */
final class KeyRanges {
  private KeyRanges() {}

  /**
   * {@code ranges - 1} ascending, distinct cut points splitting {@code [min, max]} into ranges of
   * about equal width, each point the inclusive end of a range, as values of the key's type; fewer
   * when the interval is narrower than that.
   */
  static List<List<Object>> evenCuts(long min, long max, int ranges, LogicalType keyType) {
    List<List<Object>> points = new ArrayList<>();
    if (max <= min || ranges < 2) {
      return points;
    }
    BigInteger low = BigInteger.valueOf(min);
    BigInteger width = BigInteger.valueOf(max).subtract(low);
    long previous = min - 1;
    for (int i = 1; i < ranges; i++) {
      long cut = low.add(width.multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(ranges))).longValueExact();
      if (cut > previous && cut < max) {
        points.add(List.of(typed(cut, keyType)));
        previous = cut;
      }
    }
    return points;
  }

  private static Object typed(long value, LogicalType keyType) {
    return switch (keyType) {
      case LogicalType.ShortType t -> (short) value;
      case LogicalType.IntType t -> (int) value;
      default -> value;
    };
  }
}
