package io.tidbsync.domain.normalize;

import io.tidbsync.domain.model.LogicalType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * One converter per logical type, from the raw forms {@link io.tidbsync.domain.port.SourcePort}
 * documents to the canonical Java type of that logical type.
 */
final class Converters {
  private Converters() {}

  static ValueConverter forType(LogicalType type) {
    return switch (type) {
      case LogicalType.BooleanType t -> (raw, stats) -> toBoolean(raw);
      case LogicalType.ShortType t -> (raw, stats) -> (short) toLong(raw, Short.MIN_VALUE, Short.MAX_VALUE);
      case LogicalType.IntType t -> (raw, stats) -> (int) toLong(raw, Integer.MIN_VALUE, Integer.MAX_VALUE);
      case LogicalType.LongType t -> (raw, stats) -> toLong(raw, Long.MIN_VALUE, Long.MAX_VALUE);
      case LogicalType.DecimalType t -> (raw, stats) -> toDecimal(raw, t);
      case LogicalType.FloatType t -> (raw, stats) -> toFloat(raw);
      case LogicalType.DoubleType t -> (raw, stats) -> toDouble(raw);
      case LogicalType.NaiveDateType t -> Converters::toDate;
      case LogicalType.NaiveDateTimeType t -> Converters::toDateTime;
      case LogicalType.UtcDateTimeType t -> Converters::toInstant;
      case LogicalType.BinaryType t -> (raw, stats) -> toBytes(raw);
      case LogicalType.StringType t -> (raw, stats) -> toText(raw);
      case LogicalType.JsonType t -> (raw, stats) -> toText(raw);
      case LogicalType.VectorType t -> (raw, stats) -> toVector(raw, t);
    };
  }

  private static Boolean toBoolean(Object raw) {
    return switch (raw) {
      case Boolean b -> b;
      // Only 0 and 1 are booleans: any other number (a TINYINT(1) holding 2) is the row's error,
      // never a value changed to true.
      case Number n when n.longValue() == 0 || n.longValue() == 1 -> n.longValue() == 1;
      case Number n -> throw new IllegalArgumentException(n + " is not a boolean (0 or 1); "
          + "set TINYINT1_AS_BOOLEAN=false to keep the column's integers");
      case byte[] bytes -> nonZero(bytes);
      case String s -> switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "1", "true" -> Boolean.TRUE;
        case "0", "false" -> Boolean.FALSE;
        default -> throw new IllegalArgumentException("not a boolean: " + Redaction.excerpt(s));
      };
      default -> throw unexpected(raw, "a boolean");
    };
  }

  private static boolean nonZero(byte[] bytes) {
    for (byte b : bytes) {
      if (b != 0) {
        return true;
      }
    }
    return false;
  }

  private static long toLong(Object raw, long min, long max) {
    long value;
    if (raw instanceof Long || raw instanceof Integer || raw instanceof Short || raw instanceof Byte) {
      value = ((Number) raw).longValue();
    } else if (raw instanceof BigInteger big) {
      if (big.bitLength() > 63) {
        throw new IllegalArgumentException("integer out of range: " + big);
      }
      value = big.longValue();
    } else if (raw instanceof BigDecimal decimal) {
      try {
        value = decimal.longValueExact();
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("not an integer in range: " + decimal.toPlainString());
      }
    } else if (raw instanceof Boolean b) {
      value = b ? 1 : 0;
    } else if (raw instanceof String s) {
      try {
        value = Long.parseLong(s.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an integer: " + Redaction.excerpt(s));
      }
    } else {
      throw unexpected(raw, "an integer");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("integer out of range [" + min + ", " + max + "]: " + value);
    }
    return value;
  }

  private static BigDecimal toDecimal(Object raw, LogicalType.DecimalType type) {
    BigDecimal value =
        switch (raw) {
          case BigDecimal d -> d;
          case BigInteger i -> new BigDecimal(i);
          case Long l -> BigDecimal.valueOf(l);
          case Integer i -> BigDecimal.valueOf(i);
          case Short s -> BigDecimal.valueOf(s);
          case String s -> parseDecimal(s);
          default -> throw unexpected(raw, "a decimal");
        };
    BigDecimal scaled;
    try {
      scaled = value.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "decimal " + value.toPlainString() + " has more than " + type.scale() + " fraction digits");
    }
    if (scaled.precision() - scaled.scale() > type.precision() - type.scale()) {
      throw new IllegalArgumentException(
          "decimal " + value.toPlainString() + " does not fit DECIMAL(" + type.precision() + ","
              + type.scale() + ")");
    }
    return scaled;
  }

  private static BigDecimal parseDecimal(String s) {
    try {
      return new BigDecimal(s.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal: " + Redaction.excerpt(s));
    }
  }

  private static Float toFloat(Object raw) {
    return switch (raw) {
      case Float f -> f;
      case Number n -> n.floatValue();
      case String s -> Float.parseFloat(s.trim());
      default -> throw unexpected(raw, "a float");
    };
  }

  private static Double toDouble(Object raw) {
    return switch (raw) {
      case Double d -> d;
      case Float f -> Double.parseDouble(f.toString());
      case Number n -> n.doubleValue();
      case String s -> Double.parseDouble(s.trim());
      default -> throw unexpected(raw, "a double");
    };
  }

  private static Object toDate(Object raw, NormalizationStats stats) {
    LocalDate value =
        switch (raw) {
          case LocalDate d -> d;
          case LocalDateTime dt -> dt.toLocalDate();
          case String s -> TemporalText.parseDate(s);
          default -> throw unexpected(raw, "a date");
        };
    if (value == null) {
      stats.zeroDate();
    }
    return value;
  }

  private static Object toDateTime(Object raw, NormalizationStats stats) {
    LocalDateTime value =
        switch (raw) {
          case LocalDateTime dt -> dt;
          case LocalDate d -> d.atStartOfDay();
          case String s -> TemporalText.parseDateTime(s);
          default -> throw unexpected(raw, "a date-time");
        };
    if (value == null) {
      stats.zeroDate();
    }
    return value;
  }

  /** TIMESTAMP values: sources read them in a UTC session, so wall-clock text is UTC. */
  private static Object toInstant(Object raw, NormalizationStats stats) {
    Instant value =
        switch (raw) {
          case Instant i -> i;
          case OffsetDateTime odt -> odt.toInstant();
          case LocalDateTime dt -> dt.toInstant(ZoneOffset.UTC);
          case String s -> {
            LocalDateTime dt = TemporalText.parseDateTime(s);
            yield dt == null ? null : dt.toInstant(ZoneOffset.UTC);
          }
          default -> throw unexpected(raw, "a timestamp");
        };
    if (value == null) {
      stats.zeroDate();
    }
    return value;
  }

  private static byte[] toBytes(Object raw) {
    return switch (raw) {
      case byte[] bytes -> bytes;
      case String s -> s.getBytes(StandardCharsets.UTF_8);
      default -> throw unexpected(raw, "bytes");
    };
  }

  private static String toText(Object raw) {
    return switch (raw) {
      case String s -> s;
      case byte[] bytes -> new String(bytes, StandardCharsets.UTF_8);
      case BigDecimal d -> d.toPlainString();
      default -> raw.toString();
    };
  }

  private static float[] toVector(Object raw, LogicalType.VectorType type) {
    float[] values =
        switch (raw) {
          case String s -> VectorText.parse(s, type.dimension());
          case byte[] bytes -> VectorText.parse(new String(bytes, StandardCharsets.UTF_8), type.dimension());
          case float[] floats -> floats;
          case List<?> list -> fromList(list);
          default -> throw unexpected(raw, "a vector");
        };
    if (type.dimension().isPresent() && values.length != type.dimension().getAsInt()) {
      throw new IllegalArgumentException(
          "vector has " + values.length + " dimensions, the column has " + type.dimension().getAsInt());
    }
    for (float value : values) {
      if (!Float.isFinite(value)) {
        throw new IllegalArgumentException("vector holds a NaN or infinite element");
      }
    }
    return values;
  }

  private static float[] fromList(List<?> list) {
    float[] values = new float[list.size()];
    for (int i = 0; i < values.length; i++) {
      if (!(list.get(i) instanceof Number n)) {
        throw new IllegalArgumentException("vector element " + i + " is not a number");
      }
      values[i] = n.floatValue();
    }
    return values;
  }

  private static IllegalArgumentException unexpected(Object raw, String expected) {
    return new IllegalArgumentException(
        "expected " + expected + ", the source gave a " + raw.getClass().getSimpleName());
  }
}
