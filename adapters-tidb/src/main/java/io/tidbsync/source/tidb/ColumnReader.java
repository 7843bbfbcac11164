package io.tidbsync.source.tidb;

import io.tidbsync.domain.model.LogicalType;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current result row in the raw form the domain's normalizer expects:
 * typed getters for numbers, java.time values for dates and date-times (their text when the
 * driver refuses them, so zero dates survive to be counted), text for JSON and vectors, bytes for
 * binary.
 */
@FunctionalInterface
interface ColumnReader {
  Object read(ResultSet rs, int index) throws SQLException;

  /**
   * The reader for a column: by its logical type, except that a decimal too wide for the decimal
   * type (more than 38 digits, carried as text) is read as a decimal and written out in plain
   * digits; the driver's own text for it is scientific ({@code 1E-30}) in the binary protocol.
   */
  static ColumnReader forColumn(io.tidbsync.domain.model.ColumnSpec column) {
    String source = column.sourceType().toLowerCase(java.util.Locale.ROOT);
    if (column.type() instanceof LogicalType.StringType && (source.startsWith("decimal") || source.startsWith("numeric"))) {
      return ColumnReader::plainDecimal;
    }
    return forType(column.type());
  }

  private static Object plainDecimal(ResultSet rs, int index) throws SQLException {
    java.math.BigDecimal value = rs.getBigDecimal(index);
    return value == null ? null : value.toPlainString();
  }

  static ColumnReader forType(LogicalType type) {
    return switch (type) {
      case LogicalType.BooleanType t -> ResultSet::getObject;
      case LogicalType.ShortType t -> ColumnReader::readLong;
      case LogicalType.IntType t -> ColumnReader::readLong;
      case LogicalType.LongType t -> ColumnReader::readLong;
      case LogicalType.DecimalType t -> ResultSet::getBigDecimal;
      case LogicalType.FloatType t -> (rs, i) -> {
        float value = rs.getFloat(i);
        return rs.wasNull() ? null : value;
      };
      case LogicalType.DoubleType t -> (rs, i) -> {
        double value = rs.getDouble(i);
        return rs.wasNull() ? null : value;
      };
      case LogicalType.NaiveDateType t -> (rs, i) -> temporal(rs, i, java.time.LocalDate.class);
      case LogicalType.NaiveDateTimeType t -> (rs, i) -> temporal(rs, i, java.time.LocalDateTime.class);
      case LogicalType.UtcDateTimeType t -> (rs, i) -> temporal(rs, i, java.time.LocalDateTime.class);
      case LogicalType.BinaryType t -> ResultSet::getBytes;
      case LogicalType.StringType t -> ResultSet::getString;
      case LogicalType.JsonType t -> ResultSet::getString;
      case LogicalType.VectorType t -> new VectorColumn(t.dimension().orElse(16));
    };
  }

  /**
   * Dates and date-times as java.time values straight from the driver's decoded fields (no text
   * formatted and parsed again); a value the driver refuses (a zero date such as
   * {@code 0000-00-00}, an invalid date stored under a lax SQL mode) is read as its text, which
   * the normalizer counts or rejects. The session is UTC, so a TIMESTAMP's wall-clock is UTC.
   */
  private static Object temporal(ResultSet rs, int index, Class<?> type) throws SQLException {
    try {
      return rs.getObject(index, type);
    } catch (SQLException | RuntimeException e) {
      return rs.getString(index);
    }
  }

  /**
   * Vectors as floats parsed from the driver's bytes; unusual text goes to the strict parser. Each
   * row's floats are parsed into an array sized for the last row's count (at first the column's
   * dimension), so a reader belongs to one result set, read by one thread.
   */
  final class VectorColumn implements ColumnReader {
    private int expected;

    VectorColumn(int expected) {
      this.expected = expected;
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
      byte[] bytes = rs.getBytes(index);
      if (bytes == null) {
        return null;
      }
      float[] parsed = VectorBytes.parse(bytes, expected);
      if (parsed == null) {
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
      }
      expected = parsed.length;
      return parsed;
    }
  }

  private static Object readLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }
}
