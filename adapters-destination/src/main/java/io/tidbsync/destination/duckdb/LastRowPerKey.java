package io.tidbsync.destination.duckdb;

import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch with only the last row of each primary key, in batch order: what a merge applies, since
 * one statement cannot apply two rows to one key. Done here rather than with a window in the
 * MERGE's source: DuckDB 2.0's {@code row_number()} over an Arrow scan turned a {@code -0.0} float
 * into {@code 0.0}. Keys are compared as DuckDB's key does: a {@code -0.0} key equals {@code 0.0},
 * and binary keys by their bytes.
 */
final class LastRowPerKey {
  private LastRowPerKey() {}

  static List<Row> of(TableSchema schema, List<Row> rows) {
    int[] key = schema.primaryKey().stream().mapToInt(name -> schema.columns().stream()
        .map(c -> c.name()).toList().indexOf(name)).toArray();
    Map<List<Object>, Integer> last = new HashMap<>(rows.size() * 2);
    for (int i = 0; i < rows.size(); i++) {
      last.put(keyOf(rows.get(i), key), i);
    }
    if (last.size() == rows.size()) {
      return rows;
    }
    List<Row> kept = new ArrayList<>(last.size());
    for (int i = 0; i < rows.size(); i++) {
      if (last.get(keyOf(rows.get(i), key)) == i) {
        kept.add(rows.get(i));
      }
    }
    return kept;
  }

  private static List<Object> keyOf(Row row, int[] key) {
    Object[] values = new Object[key.length];
    for (int k = 0; k < key.length; k++) {
      values[k] = comparable(row.values()[key[k]]);
    }
    return Arrays.asList(values);
  }

  private static Object comparable(Object value) {
    return switch (value) {
      case byte[] bytes -> ByteBuffer.wrap(bytes);
      case Float f -> f == 0.0f ? 0.0f : f;
      case Double d -> d == 0.0d ? 0.0d : d;
      case java.math.BigDecimal d -> d.stripTrailingZeros();
      case null -> null;
      default -> value;
    };
  }
}
