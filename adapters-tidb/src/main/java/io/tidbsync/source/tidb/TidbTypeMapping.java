package io.tidbsync.source.tidb;

import io.tidbsync.domain.model.LogicalType;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From {@code information_schema.COLUMNS} (DATA_TYPE, COLUMN_TYPE, precision, scale) to logical
 * types, for TiDB, MySQL and MariaDB. Unsigned integers widen to the next type that holds them;
 * decimals wider than 38 digits travel as exact text; unknown types travel as text.
 */
final class TidbTypeMapping {
  private static final Pattern VECTOR_DIMENSION = Pattern.compile("vector\\s*\\(\\s*(\\d+)\\s*\\)");

  private final boolean tinyint1AsBoolean;

  TidbTypeMapping(boolean tinyint1AsBoolean) {
    this.tinyint1AsBoolean = tinyint1AsBoolean;
  }

  LogicalType map(String dataType, String columnType, Long precision, Long scale) {
    String data = dataType.toLowerCase(Locale.ROOT);
    String full = columnType.toLowerCase(Locale.ROOT);
    boolean unsigned = full.contains("unsigned");
    return switch (data) {
      case "tinyint" -> tinyint1AsBoolean && full.startsWith("tinyint(1)")
          ? new LogicalType.BooleanType()
          : new LogicalType.ShortType();
      case "bool", "boolean" -> new LogicalType.BooleanType();
      case "smallint" -> unsigned ? new LogicalType.IntType() : new LogicalType.ShortType();
      case "mediumint" -> new LogicalType.IntType();
      case "int", "integer" -> unsigned ? new LogicalType.LongType() : new LogicalType.IntType();
      case "bigint" -> unsigned ? new LogicalType.DecimalType(20, 0) : new LogicalType.LongType();
      case "year" -> new LogicalType.ShortType();
      case "decimal", "numeric" -> decimal(precision, scale);
      case "float" -> new LogicalType.FloatType();
      case "double", "real", "double precision" -> new LogicalType.DoubleType();
      case "date" -> new LogicalType.NaiveDateType();
      case "datetime" -> new LogicalType.NaiveDateTimeType();
      case "timestamp" -> new LogicalType.UtcDateTimeType();
      case "bit" -> full.equals("bit(1)") ? new LogicalType.BooleanType() : new LogicalType.BinaryType();
      case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "geometry", "point",
          "linestring", "polygon" -> new LogicalType.BinaryType();
      case "json" -> new LogicalType.JsonType();
      default -> data.startsWith("vector") ? vector(full) : new LogicalType.StringType();
    };
  }

  private static LogicalType decimal(Long precision, Long scale) {
    int p = precision == null ? 10 : precision.intValue();
    int s = scale == null ? 0 : scale.intValue();
    if (p > LogicalType.MAX_DECIMAL_PRECISION) {
      return new LogicalType.StringType();
    }
    return new LogicalType.DecimalType(Math.max(p, 1), s);
  }

  /** {@code vector(3)} has a dimension; {@code vector} and early {@code vector<float>} have none. */
  static LogicalType.VectorType vector(String columnType) {
    Matcher m = VECTOR_DIMENSION.matcher(columnType);
    return m.find()
        ? LogicalType.VectorType.of(Integer.parseInt(m.group(1)))
        : new LogicalType.VectorType(OptionalInt.empty());
  }
}
