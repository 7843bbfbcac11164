package io.tidbsync.destination.duckdb;

import io.tidbsync.domain.model.LogicalType;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.duckdb.DuckDBAppender;

/** Appends one normalized value of a logical type to a DuckDB appender (never null here). */
@FunctionalInterface
interface DuckDbValueWriter {
  void write(DuckDBAppender appender, Object value) throws SQLException;

  static DuckDbValueWriter forType(LogicalType type) {
    return switch (type) {
      case LogicalType.BooleanType t -> (a, v) -> a.append((boolean) (Boolean) v);
      case LogicalType.ShortType t -> (a, v) -> a.append((short) (Short) v);
      case LogicalType.IntType t -> (a, v) -> a.append((int) (Integer) v);
      case LogicalType.LongType t -> (a, v) -> a.append((long) (Long) v);
      case LogicalType.DecimalType t -> (a, v) -> a.append((BigDecimal) v);
      case LogicalType.FloatType t -> (a, v) -> a.append((float) (Float) v);
      case LogicalType.DoubleType t -> (a, v) -> a.append((double) (Double) v);
      case LogicalType.NaiveDateType t -> (a, v) -> a.append((LocalDate) v);
      case LogicalType.NaiveDateTimeType t -> (a, v) -> a.appendEpochMicros(EpochMicros.of((LocalDateTime) v));
      case LogicalType.UtcDateTimeType t -> (a, v) -> a.appendEpochMicros(EpochMicros.of((Instant) v));
      case LogicalType.BinaryType t -> (a, v) -> a.append((byte[]) v);
      case LogicalType.StringType t -> (a, v) -> a.append((String) v);
      case LogicalType.JsonType t -> (a, v) -> a.append((String) v);
      case LogicalType.VectorType t -> (a, v) -> a.append((float[]) v);
    };
  }
}
