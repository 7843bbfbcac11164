package io.tidbsync.destination.jdbc;

import static io.tidbsync.destination.jdbc.SqlNames.quote;

import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableSchema;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The key work of delete detection, in standard SQL that DuckDB and PostgreSQL both take: pages
 * of live keys in key order (row-value comparison), and marking keys deleted. Keys read back are
 * the domain's values of the key columns' logical types.
 */
public final class KeyQueries {
  public static final String SYNCED = "_fivetran_synced";
  public static final String DELETED = "_fivetran_deleted";

  private KeyQueries() {}

  /** Up to {@code limit} live keys of {@code table} (quoted, qualified) after {@code after}. */
  public static List<List<Object>> liveKeys(Connection c, String table, TableSchema schema,
      Optional<List<Object>> after, int limit) throws SQLException {
    String key = keyList(schema);
    String sql = "SELECT " + key + " FROM " + table + " WHERE NOT " + quote(DELETED)
        + (after.isPresent() ? " AND (" + key + ") > " + marks(schema) : "") + " ORDER BY " + key + " LIMIT " + limit;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (after.isPresent()) {
        bind(ps, after.get(), 1);
      }
      List<List<Object>> keys = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<Object> k = new ArrayList<>(schema.primaryKey().size());
          for (int i = 0; i < schema.primaryKey().size(); i++) {
            k.add(read(rs, i + 1, schema.column(schema.primaryKey().get(i)).type()));
          }
          keys.add(k);
        }
      }
      return keys;
    }
  }

  /** Marks the live rows with these keys deleted, keeping their values; returns how many. */
  public static long markDeleted(Connection c, String table, TableSchema schema, List<List<Object>> keys)
      throws SQLException {
    StringJoiner list = new StringJoiner(", ");
    String marks = marks(schema);
    for (int i = 0; i < keys.size(); i++) {
      list.add(marks);
    }
    String sql = "UPDATE " + table + " SET " + quote(DELETED) + " = true, " + quote(SYNCED) + " = now() WHERE NOT "
        + quote(DELETED) + " AND (" + keyList(schema) + ") IN (" + list + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      int index = 1;
      for (List<Object> k : keys) {
        index = bind(ps, k, index);
      }
      return ps.executeUpdate();
    }
  }

  /** The key columns, quoted: {@code "a", "b"}. */
  public static String keyList(TableSchema schema) {
    StringJoiner key = new StringJoiner(", ");
    schema.primaryKey().forEach(k -> key.add(quote(k)));
    return key.toString();
  }

  private static String marks(TableSchema schema) {
    StringJoiner marks = new StringJoiner(", ", "(", ")");
    schema.primaryKey().forEach(k -> marks.add("?"));
    return marks.toString();
  }

  private static int bind(PreparedStatement ps, List<Object> values, int first) throws SQLException {
    int index = first;
    for (Object value : values) {
      ps.setObject(index++, value instanceof Instant i ? OffsetDateTime.ofInstant(i, ZoneOffset.UTC) : value);
    }
    return index;
  }

  /** A key column read back as the domain's value of its logical type. */
  static Object read(ResultSet rs, int index, LogicalType type) throws SQLException {
    if (rs.getObject(index) == null) {
      return null;
    }
    return switch (type) {
      case LogicalType.BooleanType t -> rs.getBoolean(index);
      case LogicalType.ShortType t -> rs.getShort(index);
      case LogicalType.IntType t -> rs.getInt(index);
      case LogicalType.LongType t -> rs.getLong(index);
      case LogicalType.DecimalType t -> rs.getObject(index, BigDecimal.class).setScale(t.scale());
      case LogicalType.FloatType t -> rs.getFloat(index);
      case LogicalType.DoubleType t -> rs.getDouble(index);
      case LogicalType.NaiveDateType t -> rs.getObject(index, LocalDate.class);
      case LogicalType.NaiveDateTimeType t -> rs.getObject(index, LocalDateTime.class);
      case LogicalType.UtcDateTimeType t -> rs.getObject(index, OffsetDateTime.class).toInstant();
      case LogicalType.BinaryType t -> rs.getBytes(index);
      case LogicalType.StringType t -> rs.getString(index);
      case LogicalType.JsonType t -> rs.getString(index);
      case LogicalType.VectorType t -> throw new SQLException("a vector column cannot be part of a key");
    };
  }

  /** An error's first line, for messages (drivers append context and hints below it). */
  public static String firstLine(SQLException e) {
    if (e.getMessage() == null) {
      return e.getClass().getSimpleName();
    }
    List<String> lines = e.getMessage().lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      return e.getClass().getSimpleName();
    }
    // DuckDB's JDBC driver wraps the real error: "Attempting to execute an unsuccessful or closed
    // pending query result" on the first line, DuckDB's own message ("Error: ...") after it.
    if (lines.get(0).contains("unsuccessful or closed pending query result") && lines.size() > 1) {
      return lines.get(1).replaceFirst("^Error: ", "");
    }
    return lines.get(0);
  }
}
