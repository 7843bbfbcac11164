package io.tidbsync.destination.postgres;

import io.tidbsync.domain.model.LogicalType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

/** Reads a PostgreSQL key column back as the domain's value of its logical type. */
final class PostgresValueReader {
  private PostgresValueReader() {}

  static Object read(ResultSet rs, int index, LogicalType type) throws SQLException {
    if (rs.getObject(index) == null) {
      return null;
    }
    return switch (type) {
      case LogicalType.BooleanType t -> rs.getBoolean(index);
      case LogicalType.ShortType t -> rs.getShort(index);
      case LogicalType.IntType t -> rs.getInt(index);
      case LogicalType.LongType t -> rs.getLong(index);
      case LogicalType.DecimalType t -> rs.getBigDecimal(index).setScale(t.scale());
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

  /** A key value bound as a parameter: instants as UTC offset date-times, the rest as they are. */
  static Object parameter(Object value) {
    return value instanceof java.time.Instant i ? OffsetDateTime.ofInstant(i, java.time.ZoneOffset.UTC) : value;
  }
}
