package io.tidbsync.domain.testing;

import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** The (cursor, key) order of rows holding canonical values, as the fakes need it. */
public final class Keyset {
  private Keyset() {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public static int compareValues(Object a, Object b) {
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    return ((Comparable) a).compareTo(b);
  }

  public static Comparator<Row> order(TableSchema schema) {
    int cursor = schema.cursorIndex();
    int[] keys = schema.primaryKeyIndexes();
    return (a, b) -> {
      int c = compareValues(a.get(cursor), b.get(cursor));
      for (int i = 0; c == 0 && i < keys.length; i++) {
        c = compareValues(a.get(keys[i]), b.get(keys[i]));
      }
      return c;
    };
  }

  /** The key values of a row, in key order. */
  public static List<Object> keyOf(TableSchema schema, Row row) {
    List<Object> key = new java.util.ArrayList<>();
    for (int index : schema.primaryKeyIndexes()) {
      key.add(row.get(index));
    }
    return key;
  }

  /** Lexicographic order of two keys of the same table. */
  public static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Whether {@code row} comes after {@code position} as {@code ReadRequest} defines it. */
  public static boolean after(TableSchema schema, Row row, CursorPosition position) {
    int c = compareValues(row.get(schema.cursorIndex()), position.cursor());
    if (c != 0 || position.inclusive()) {
      return position.inclusive() ? c >= 0 : c > 0;
    }
    int[] keys = schema.primaryKeyIndexes();
    List<Object> key = position.key();
    for (int i = 0; i < keys.length; i++) {
      c = compareValues(row.get(keys[i]), key.get(i));
      if (c != 0) {
        return c > 0;
      }
    }
    return false;
  }
}
