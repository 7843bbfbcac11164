package io.tidbsync.it.e2e;

import io.tidbsync.it.servers.PostgresServer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads a PostgreSQL destination table back as the domain's values, ordered by its primary key. */
public final class PostgresTables {
  private PostgresTables() {}

  public static List<Map<String, Object>> read(PostgresServer server, String schema, String table) {
    String qualified = quote(schema) + "." + quote(table);
    try (Connection c = server.connect()) {
      List<String> key = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
              + "WHERE i.indrelid = ?::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)")) {
        ps.setString(1, qualified);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            key.add(quote(rs.getString(1)));
          }
        }
      }
      List<Map<String, Object>> rows = new ArrayList<>();
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT * FROM " + qualified + " ORDER BY " + String.join(", ", key))) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnName(i), value(rs, i, meta.getColumnTypeName(i)));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + qualified + ": " + e.getMessage(), e);
    }
  }

  private static Object value(ResultSet rs, int i, String type) throws SQLException {
    if (rs.getObject(i) == null) {
      return null;
    }
    return switch (type) {
      case "bool" -> rs.getBoolean(i);
      case "int2" -> rs.getShort(i);
      case "int4" -> rs.getInt(i);
      case "int8" -> rs.getLong(i);
      case "numeric" -> rs.getBigDecimal(i);
      case "float4" -> rs.getFloat(i);
      case "float8" -> rs.getDouble(i);
      case "date" -> rs.getObject(i, LocalDate.class);
      case "timestamp" -> rs.getObject(i, LocalDateTime.class);
      case "timestamptz" -> rs.getObject(i, OffsetDateTime.class).toInstant();
      case "bytea" -> rs.getBytes(i);
      case "_float4" -> floats((Object[]) ((Array) rs.getArray(i)).getArray());
      case "vector" -> parseVector(rs.getString(i));
      default -> rs.getString(i);
    };
  }

  private static float[] floats(Object[] boxed) {
    float[] out = new float[boxed.length];
    for (int i = 0; i < boxed.length; i++) {
      out[i] = ((Number) boxed[i]).floatValue();
    }
    return out;
  }

  private static float[] parseVector(String text) {
    String body = text.substring(1, text.length() - 1);
    String[] parts = body.isEmpty() ? new String[0] : body.split(",");
    float[] out = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      out[i] = Float.parseFloat(parts[i]);
    }
    return out;
  }

  private static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
