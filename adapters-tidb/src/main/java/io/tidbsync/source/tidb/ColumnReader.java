package io.tidbsync.source.tidb;

import io.tidbsync.domain.model.LogicalType;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads one column of the current result row in the raw form the domain's normalizer expects:
 * typed getters for numbers, the server's text for dates and date-times (so zero dates survive to
 * be counted), text for JSON and vectors, bytes for binary.
 */
@FunctionalInterface
interface ColumnReader {
  Object read(ResultSet rs, int index) throws SQLException;

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
      case LogicalType.NaiveDateType t -> ResultSet::getString;
      case LogicalType.NaiveDateTimeType t -> ResultSet::getString;
      case LogicalType.UtcDateTimeType t -> ResultSet::getString;
      case LogicalType.BinaryType t -> ResultSet::getBytes;
      case LogicalType.StringType t -> ResultSet::getString;
      case LogicalType.JsonType t -> ResultSet::getString;
      case LogicalType.VectorType t -> ResultSet::getString;
    };
  }

  private static Object readLong(ResultSet rs, int index) throws SQLException {
    long value = rs.getLong(index);
    return rs.wasNull() ? null : value;
  }
}
