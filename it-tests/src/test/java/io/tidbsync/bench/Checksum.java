package io.tidbsync.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Whether a copy holds the source's values: the row count and an order-free checksum (the sum of
 * a 64-bit digest per row) of the key, the cursor, a decimal and a text column of table a
 * ({@code id, created_at, price, note}, and the DOUBLE {@code score}), or of b's key, cursor, label and vector (each float's
 * bits, whether the copy keeps it as an array or as text). Each side's values are put in one
 * canonical form first, so a copy is equal when its values are, whatever types it chose.
 */
record Checksum(long rows, long sum) {
  static Checksum ofSource(Connection c, String table) throws SQLException {
    return of(c, "SELECT " + columns(table) + " FROM `" + table + "`", table);
  }

  static Checksum ofDuckDb(Path file, String qualifiedTable, String table) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file, Types.readOnly())) {
      return of(duck, "SELECT " + columns(table) + " FROM " + qualifiedTable, table);
    }
  }

  /** A PostgreSQL copy: timestamps read as UTC wall-clock values, as the source's DATETIME are. */
  static Checksum ofPostgres(Connection pg, String qualifiedTable, String table) throws SQLException {
    String columns = table.startsWith("b") ? "id, created_at AT TIME ZONE 'UTC', label, embedding"
        : "id, created_at AT TIME ZONE 'UTC', price, note, score";
    return of(pg, "SELECT " + columns + " FROM " + qualifiedTable, table);
  }

  private static String columns(String table) {
    return table.startsWith("b") ? "id, created_at, label, embedding" : "id, created_at, price, note, score";
  }

  private static Checksum of(Connection c, String query, String table) throws SQLException {
    MessageDigest sha = sha256();
    long rows = 0;
    long sum = 0;
    try (Statement st = c.createStatement()) {
      st.setFetchSize(10_000);
      try (ResultSet rs = st.executeQuery(query)) {
        while (rs.next()) {
          StringBuilder line = new StringBuilder(64);
          line.append(rs.getLong(1)).append('|').append(timestamp(rs.getObject(2))).append('|');
          if (table.startsWith("b")) {
            line.append(rs.getString(3)).append('|');
            vector(rs.getObject(4), line);
          } else {
            Object price = rs.getObject(3);
            line.append(price == null ? "null" : new BigDecimal(price.toString()).setScale(2, RoundingMode.HALF_EVEN))
                .append('|').append(rs.getString(4)).append('|');
            Object score = rs.getObject(5);
            line.append(score == null ? "null" : Double.toString(((Number) score).doubleValue()));
          }
          sum += ByteBuffer.wrap(sha.digest(line.toString().getBytes(StandardCharsets.UTF_8))).getLong();
          rows++;
        }
      }
    }
    return new Checksum(rows, sum);
  }

  private static String timestamp(Object value) {
    return switch (value) {
      case null -> "null";
      case LocalDateTime t -> t.toString();
      case OffsetDateTime t -> t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime().toString();
      case java.sql.Timestamp t -> t.toLocalDateTime().toString();
      default -> value.toString();
    };
  }

  private static void vector(Object value, StringBuilder line) throws SQLException {
    if (value == null) {
      line.append("null");
      return;
    }
    if (value instanceof Array array) {
      for (Object f : (Object[]) array.getArray()) {
        line.append(Float.floatToIntBits(((Number) f).floatValue())).append(',');
      }
      return;
    }
    String text = value.toString().strip();
    for (String f : text.substring(1, text.length() - 1).split(",")) {
      line.append(Float.floatToIntBits(Float.parseFloat(f.strip()))).append(',');
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
