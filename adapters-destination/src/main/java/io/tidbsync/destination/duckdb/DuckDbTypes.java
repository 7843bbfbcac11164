package io.tidbsync.destination.duckdb;

import io.tidbsync.domain.model.LogicalType;

/** DuckDB column types for logical types; vectors become fixed-size {@code FLOAT[n]} arrays. */
final class DuckDbTypes {
  private DuckDbTypes() {}

  static String ddl(LogicalType type) {
    return switch (type) {
      case LogicalType.BooleanType t -> "BOOLEAN";
      case LogicalType.ShortType t -> "SMALLINT";
      case LogicalType.IntType t -> "INTEGER";
      case LogicalType.LongType t -> "BIGINT";
      case LogicalType.DecimalType t -> "DECIMAL(" + t.precision() + "," + t.scale() + ")";
      case LogicalType.FloatType t -> "REAL";
      case LogicalType.DoubleType t -> "DOUBLE";
      case LogicalType.NaiveDateType t -> "DATE";
      case LogicalType.NaiveDateTimeType t -> "TIMESTAMP";
      case LogicalType.UtcDateTimeType t -> "TIMESTAMPTZ";
      case LogicalType.BinaryType t -> "BLOB";
      case LogicalType.StringType t -> "VARCHAR";
      case LogicalType.JsonType t -> "JSON";
      case LogicalType.VectorType t ->
          t.dimension().isPresent() ? "FLOAT[" + t.dimension().getAsInt() + "]" : "FLOAT[]";
    };
  }
}
