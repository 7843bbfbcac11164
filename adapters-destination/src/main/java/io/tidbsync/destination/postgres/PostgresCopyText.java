package io.tidbsync.destination.postgres;

import io.tidbsync.domain.model.LogicalType;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Writes values in COPY's text format: one line per row, tab between columns, {@code \N} for
 * NULL, backslash escapes for the characters that would break a line. Each writer casts its value
 * to the logical type's Java type, so a value of the wrong type fails here, before any row is sent.
 */
@FunctionalInterface
interface PostgresCopyText {
  void write(Writer out, Object value) throws IOException;

  DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
      .appendValue(ChronoField.YEAR, 4).appendLiteral('-').appendValue(ChronoField.MONTH_OF_YEAR, 2)
      .appendLiteral('-').appendValue(ChronoField.DAY_OF_MONTH, 2).appendLiteral(' ')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .appendFraction(ChronoField.MICRO_OF_SECOND, 0, 6, true)
      .toFormatter();

  static PostgresCopyText forType(LogicalType type, boolean pgvector) {
    return switch (type) {
      case LogicalType.BooleanType t -> (out, v) -> out.write((Boolean) v ? "t" : "f");
      case LogicalType.ShortType t -> (out, v) -> out.write(Short.toString((Short) v));
      case LogicalType.IntType t -> (out, v) -> out.write(Integer.toString((Integer) v));
      case LogicalType.LongType t -> (out, v) -> out.write(Long.toString((Long) v));
      case LogicalType.DecimalType t -> (out, v) -> out.write(((BigDecimal) v).toPlainString());
      case LogicalType.FloatType t -> (out, v) -> out.write(Float.toString((Float) v));
      case LogicalType.DoubleType t -> (out, v) -> out.write(Double.toString((Double) v));
      case LogicalType.NaiveDateType t -> (out, v) -> out.write(((LocalDate) v).toString());
      case LogicalType.NaiveDateTimeType t -> (out, v) -> out.write(DATE_TIME.format((LocalDateTime) v));
      case LogicalType.UtcDateTimeType t ->
          (out, v) -> out.write(DATE_TIME.format(LocalDateTime.ofInstant((Instant) v, ZoneOffset.UTC)) + "+00");
      case LogicalType.BinaryType t -> PostgresCopyText::bytes;
      case LogicalType.StringType t -> (out, v) -> text(out, (String) v);
      case LogicalType.JsonType t -> (out, v) -> text(out, (String) v);
      case LogicalType.VectorType t -> pgvector
          ? (out, v) -> floats(out, (float[]) v, '[', ']')
          : (out, v) -> floats(out, (float[]) v, '{', '}');
    };
  }

  /** bytea's hex form, {@code \x0aff}, with its backslash escaped for COPY. */
  private static void bytes(Writer out, Object value) throws IOException {
    byte[] bytes = (byte[]) value;
    char[] hex = new char[3 + bytes.length * 2];
    hex[0] = '\\';
    hex[1] = '\\';
    hex[2] = 'x';
    for (int i = 0; i < bytes.length; i++) {
      hex[3 + 2 * i] = Character.forDigit((bytes[i] >> 4) & 0xf, 16);
      hex[4 + 2 * i] = Character.forDigit(bytes[i] & 0xf, 16);
    }
    out.write(hex);
  }

  private static void floats(Writer out, float[] values, char open, char close) throws IOException {
    out.write(open);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(Float.toString(values[i]));
    }
    out.write(close);
  }

  /**
   * Text with COPY's escapes. PostgreSQL text cannot hold the NUL character at all, so a value
   * with one is refused here with a message that says so, rather than by the server mid-COPY.
   */
  static void text(Writer out, String value) throws IOException {
    int start = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      String escape = switch (c) {
        case '\\' -> "\\\\";
        case '\t' -> "\\t";
        case '\n' -> "\\n";
        case '\r' -> "\\r";
        case '\0' -> throw new IllegalArgumentException(
            "a text value holds the NUL character (U+0000), which PostgreSQL text cannot store");
        default -> null;
      };
      if (escape != null) {
        out.write(value, start, i - start);
        out.write(escape);
        start = i + 1;
      }
    }
    out.write(value, start, value.length() - start);
  }
}
