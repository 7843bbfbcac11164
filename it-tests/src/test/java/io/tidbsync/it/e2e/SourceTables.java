package io.tidbsync.it.e2e;

import io.tidbsync.domain.normalize.VectorText;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Canonical text of every value of a table, source or DuckDB side, so the two compare value by
 * value: numbers as plain decimals, date-times as UTC instants (the seed's policy), vectors as
 * float lists, bytes as hex.
 */
public final class SourceTables {
  private SourceTables() {}

  public static List<Map<String, String>> source(Connection c, String table, String key, Set<String> vectorColumns)
      throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM `" + table + "` ORDER BY `" + key + "`")) {
      ResultSetMetaData meta = rs.getMetaData();
      List<Map<String, String>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          String name = meta.getColumnName(i);
          Object value = rs.getObject(i);
          if (value != null && vectorColumns.contains(name)) {
            value = VectorText.parse(value.toString(), OptionalInt.empty());
          }
          row.put(name, canonical(value));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  public static List<Map<String, String>> destination(List<Map<String, Object>> rows) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Map<String, Object> row : rows) {
      Map<String, String> canonical = new LinkedHashMap<>();
      row.forEach((k, v) -> {
        if (!k.startsWith("_fivetran_")) {
          canonical.put(k, canonical(v));
        }
      });
      out.add(canonical);
    }
    return out;
  }

  static String canonical(Object value) {
    return switch (value) {
      case null -> "NULL";
      case Boolean b -> b.toString();
      case BigDecimal d -> d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
      case Float f -> f.toString();
      case Double d -> d.toString();
      case Number n -> new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
      case LocalDateTime dt -> dt.toInstant(ZoneOffset.UTC).toString();
      case Instant i -> i.toString();
      case java.sql.Timestamp ts -> ts.toLocalDateTime().toInstant(ZoneOffset.UTC).toString();
      case byte[] bytes -> java.util.HexFormat.of().formatHex(bytes);
      case float[] vector -> Arrays.toString(vector);
      default -> value.toString();
    };
  }
}
