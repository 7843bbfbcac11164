package io.tidbsync.destination.jsonlines;

import io.tidbsync.domain.model.LogicalType;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The type names a table's {@code schema.json} uses, and the way back to logical types. */
final class JsonLinesTypes {
  private static final Pattern DECIMAL = Pattern.compile("decimal\\((\\d+),(\\d+)\\)");
  private static final Pattern VECTOR = Pattern.compile("vector(?:\\((\\d+)\\))?");

  private JsonLinesTypes() {}

  static String name(LogicalType type) {
    return switch (type) {
      case LogicalType.BooleanType t -> "boolean";
      case LogicalType.ShortType t -> "smallint";
      case LogicalType.IntType t -> "int";
      case LogicalType.LongType t -> "bigint";
      case LogicalType.DecimalType t -> "decimal(" + t.precision() + "," + t.scale() + ")";
      case LogicalType.FloatType t -> "float";
      case LogicalType.DoubleType t -> "double";
      case LogicalType.NaiveDateType t -> "date";
      case LogicalType.NaiveDateTimeType t -> "naive_datetime";
      case LogicalType.UtcDateTimeType t -> "utc_datetime";
      case LogicalType.BinaryType t -> "binary";
      case LogicalType.StringType t -> "string";
      case LogicalType.JsonType t -> "json";
      case LogicalType.VectorType t -> t.dimension().isPresent() ? "vector(" + t.dimension().getAsInt() + ")" : "vector";
    };
  }

  static Optional<LogicalType> parse(String name) {
    LogicalType known = switch (name) {
      case "boolean" -> new LogicalType.BooleanType();
      case "smallint" -> new LogicalType.ShortType();
      case "int" -> new LogicalType.IntType();
      case "bigint" -> new LogicalType.LongType();
      case "float" -> new LogicalType.FloatType();
      case "double" -> new LogicalType.DoubleType();
      case "date" -> new LogicalType.NaiveDateType();
      case "naive_datetime" -> new LogicalType.NaiveDateTimeType();
      case "utc_datetime" -> new LogicalType.UtcDateTimeType();
      case "binary" -> new LogicalType.BinaryType();
      case "string" -> new LogicalType.StringType();
      case "json" -> new LogicalType.JsonType();
      default -> null;
    };
    if (known != null) {
      return Optional.of(known);
    }
    Matcher decimal = DECIMAL.matcher(name);
    if (decimal.matches()) {
      return Optional.of(new LogicalType.DecimalType(Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2))));
    }
    Matcher vector = VECTOR.matcher(name);
    if (vector.matches()) {
      return Optional.of(vector.group(1) == null ? LogicalType.VectorType.unsized()
          : LogicalType.VectorType.of(Integer.parseInt(vector.group(1))));
    }
    return Optional.empty();
  }
}
