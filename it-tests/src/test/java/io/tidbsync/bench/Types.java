package io.tidbsync.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The column types a copy chose, as DuckDB describes them: a text column is not a FLOAT[768]. */
final class Types {
  private Types() {}

  static java.util.Properties readOnly() {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("duckdb.read_only", "true");
    return properties;
  }

  /** "created_at TIMESTAMP, price DECIMAL(12,2), …" for the source's columns; loader columns left out. */
  static String of(Path file, String qualifiedTable) {
    List<String> columns = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly());
        Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("DESCRIBE " + qualifiedTable)) {
      while (rs.next()) {
        String name = rs.getString(1);
        if (!name.startsWith("_")) {
          columns.add(name + " " + rs.getString(2));
        }
      }
    } catch (SQLException e) {
      return "unknown (" + e.getMessage() + ")";
    }
    return String.join(", ", columns);
  }
}
