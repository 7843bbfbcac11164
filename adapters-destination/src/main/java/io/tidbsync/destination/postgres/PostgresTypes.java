package io.tidbsync.destination.postgres;

import io.tidbsync.domain.model.LogicalType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostgreSQL column types for logical types, spelled as {@code format_type()} prints them, and the
 * way back: the logical type an existing column holds, for schema evolution.
 */
final class PostgresTypes {
  private static final Pattern NUMERIC = Pattern.compile("numeric\\((\\d+),(\\d+)\\)");
  private static final Pattern VECTOR = Pattern.compile("vector(?:\\((\\d+)\\))?");

  private PostgresTypes() {}

  /** The column type; vectors are {@code vector(n)} when pgvector is installed, else {@code real[]}. */
  static String ddl(LogicalType type, boolean pgvector) {
    return switch (type) {
      case LogicalType.BooleanType t -> "boolean";
      case LogicalType.ShortType t -> "smallint";
      case LogicalType.IntType t -> "integer";
      case LogicalType.LongType t -> "bigint";
      case LogicalType.DecimalType t -> "numeric(" + t.precision() + "," + t.scale() + ")";
      case LogicalType.FloatType t -> "real";
      case LogicalType.DoubleType t -> "double precision";
      case LogicalType.NaiveDateType t -> "date";
      case LogicalType.NaiveDateTimeType t -> "timestamp without time zone";
      case LogicalType.UtcDateTimeType t -> "timestamp with time zone";
      case LogicalType.BinaryType t -> "bytea";
      case LogicalType.StringType t -> "text";
      case LogicalType.JsonType t -> "jsonb";
      case LogicalType.VectorType t -> pgvector
          ? (t.dimension().isPresent() ? "vector(" + t.dimension().getAsInt() + ")" : "vector")
          : "real[]";
    };
  }

  /** The logical type of an existing column of this type; empty for types tidb-sync never makes. */
  static Optional<LogicalType> logical(String type) {
    LogicalType known = switch (type) {
      case "boolean" -> new LogicalType.BooleanType();
      case "smallint" -> new LogicalType.ShortType();
      case "integer" -> new LogicalType.IntType();
      case "bigint" -> new LogicalType.LongType();
      case "real" -> new LogicalType.FloatType();
      case "double precision" -> new LogicalType.DoubleType();
      case "date" -> new LogicalType.NaiveDateType();
      case "timestamp without time zone" -> new LogicalType.NaiveDateTimeType();
      case "timestamp with time zone" -> new LogicalType.UtcDateTimeType();
      case "bytea" -> new LogicalType.BinaryType();
      case "text" -> new LogicalType.StringType();
      case "jsonb" -> new LogicalType.JsonType();
      case "real[]" -> LogicalType.VectorType.unsized();
      default -> null;
    };
    if (known != null) {
      return Optional.of(known);
    }
    Matcher numeric = NUMERIC.matcher(type);
    if (numeric.matches()) {
      return Optional.of(new LogicalType.DecimalType(Integer.parseInt(numeric.group(1)), Integer.parseInt(numeric.group(2))));
    }
    Matcher vector = VECTOR.matcher(type);
    if (vector.matches()) {
      return Optional.of(vector.group(1) == null ? LogicalType.VectorType.unsized()
          : LogicalType.VectorType.of(Integer.parseInt(vector.group(1))));
    }
    return Optional.empty();
  }
}
