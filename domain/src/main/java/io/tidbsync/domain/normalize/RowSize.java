package io.tidbsync.domain.normalize;

/**
 * A cheap estimate of a normalized row's payload in bytes (text length, 8 per number or
 * timestamp, 4 per vector element), so batches can be bounded by bytes as well as by rows.
 */
public final class RowSize {
  private RowSize() {}

  public static long estimate(Object[] values) {
    long bytes = 0;
    for (Object value : values) {
      bytes += switch (value) {
        case null -> 1;
        case String s -> s.length() + 16;
        case float[] v -> 4L * v.length + 16;
        case byte[] b -> b.length + 16;
        case java.math.BigDecimal d -> 24;
        default -> 8;
      };
    }
    return bytes;
  }
}
