package io.tidbsync.it.e2e;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
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

/** Reads DuckDB tables back into the domain's value types, independently of the adapter. */
public final class DuckDbTables {
  private DuckDbTables() {}

  /** The tables the file holds in {@code schema}. */
  public static List<String> tableNames(Path file, String schema) {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        java.sql.PreparedStatement st = c.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY 1")) {
      st.setString(1, schema);
      List<String> names = new ArrayList<>();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          names.add(rs.getString(1));
        }
      }
      return names;
    } catch (SQLException e) {
      throw new IllegalStateException("listing tables of " + file + ": " + e.getMessage(), e);
    }
  }

  public static List<Map<String, Object>> read(Path file, String schema, String table) {
    // With the catalog (the file's base name): a schema named like the file is otherwise ambiguous.
    String catalog = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    String sql = "SELECT * FROM \"" + catalog.replace("\"", "\"\"") + "\".\"" + schema.replace("\"", "\"\"") + "\".\""
        + table.replace("\"", "\"\"") + "\" ORDER BY ALL";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<Map<String, Object>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnName(i), value(rs, i, meta.getColumnTypeName(i)));
        }
        rows.add(row);
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("reading " + table + " from " + file + ": " + e.getMessage(), e);
    }
  }

  private static Object value(ResultSet rs, int i, String type) throws SQLException {
    Object raw = rs.getObject(i);
    if (raw == null) {
      return null;
    }
    if (type.startsWith("FLOAT[")) {
      Object[] parts = (Object[]) ((Array) raw).getArray();
      float[] out = new float[parts.length];
      for (int k = 0; k < parts.length; k++) {
        out[k] = ((Number) parts[k]).floatValue();
      }
      return out;
    }
    return switch (type) {
      case "TIMESTAMP WITH TIME ZONE" -> rs.getObject(i, OffsetDateTime.class).toInstant();
      case "TIMESTAMP" -> rs.getObject(i, LocalDateTime.class);
      case "DATE" -> rs.getObject(i, LocalDate.class);
      case "BLOB" -> rs.getBytes(i);
      case "JSON" -> rs.getString(i);
      default -> raw instanceof BigDecimal d ? d : raw;
    };
  }
}
