package io.tidbsync.domain.model;

import java.util.Arrays;

/**
 * One row: values aligned with its {@link TableSchema}'s columns, SQL NULL as {@code null}. On the
 * hot path, so it wraps the array it is given without copying: whoever builds a row hands the
 * array over and does not touch it again.
 */
public record Row(Object[] values) {
  public Row {
    java.util.Objects.requireNonNull(values, "values is null");
  }

  public static Row of(Object... values) {
    return new Row(values);
  }

  public Object get(int index) {
    return values[index];
  }

  public int size() {
    return values.length;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Row row && Arrays.deepEquals(values, row.values);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "Row" + Arrays.deepToString(values);
  }
}
