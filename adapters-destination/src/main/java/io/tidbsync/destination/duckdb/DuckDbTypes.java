package io.tidbsync.destination.duckdb;

import io.tidbsync.domain.model.LogicalType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),(\\d+)\\)");
  private static final Pattern VECTOR = Pattern.compile("FLOAT\\[(\\d*)\\]");

  /** The logical type of an existing column, from its {@code information_schema} data type. */
  static Optional<LogicalType> logical(String dataType) {
    LogicalType known = switch (dataType) {
      case "BOOLEAN" -> new LogicalType.BooleanType();
      case "SMALLINT" -> new LogicalType.ShortType();
      case "INTEGER" -> new LogicalType.IntType();
      case "BIGINT" -> new LogicalType.LongType();
      case "FLOAT" -> new LogicalType.FloatType();
      case "DOUBLE" -> new LogicalType.DoubleType();
      case "DATE" -> new LogicalType.NaiveDateType();
      case "TIMESTAMP" -> new LogicalType.NaiveDateTimeType();
      case "TIMESTAMP WITH TIME ZONE" -> new LogicalType.UtcDateTimeType();
      case "BLOB" -> new LogicalType.BinaryType();
      case "VARCHAR" -> new LogicalType.StringType();
      case "JSON" -> new LogicalType.JsonType();
      default -> null;
    };
    if (known != null) {
      return Optional.of(known);
    }
    Matcher decimal = DECIMAL.matcher(dataType);
    if (decimal.matches()) {
      return Optional.of(new LogicalType.DecimalType(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2))));
    }
    Matcher vector = VECTOR.matcher(dataType);
    if (vector.matches()) {
      return Optional.of(vector.group(1).isEmpty() ? LogicalType.VectorType.unsized()
          : LogicalType.VectorType.of(Integer.parseInt(vector.group(1))));
    }
    return Optional.empty();
  }
}
