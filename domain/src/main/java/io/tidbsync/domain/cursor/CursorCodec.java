package io.tidbsync.domain.cursor;

import io.tidbsync.domain.model.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Base64;

/**
 * Lossless text for cursor and key values in state: date-times with six fraction digits, instants
 * with an explicit {@code Z}, decimals as plain text, integers as digits; never through double.
 * Also reads and writes the seed's {@code <table>_last_created} form.
 */
public final class CursorCodec {
  private static final DateTimeFormatter MICROS =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .appendLiteral('T')
          .appendPattern("HH:mm:ss")
          .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
          .toFormatter();

  private CursorCodec() {}

  /** Text for a canonical value of a column of {@code type}. */
  public static String encode(Object value, LogicalType type) {
    return switch (type) {
      case LogicalType.NaiveDateTimeType t -> MICROS.format((LocalDateTime) value);
      case LogicalType.UtcDateTimeType t ->
          MICROS.format(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC)) + "Z";
      case LogicalType.NaiveDateType t -> value.toString();
      case LogicalType.DecimalType t -> ((BigDecimal) value).toPlainString();
      case LogicalType.BinaryType t -> Base64.getEncoder().encodeToString((byte[]) value);
      case LogicalType.VectorType t -> throw new IllegalArgumentException("a vector cannot order rows");
      case LogicalType.BooleanType t -> value.toString();
      case LogicalType.ShortType t -> value.toString();
      case LogicalType.IntType t -> value.toString();
      case LogicalType.LongType t -> value.toString();
      case LogicalType.FloatType t -> value.toString();
      case LogicalType.DoubleType t -> value.toString();
      case LogicalType.StringType t -> (String) value;
      case LogicalType.JsonType t -> (String) value;
    };
  }

  /**
   * The canonical value {@link #encode} wrote.
   *
   * @throws IllegalArgumentException when the text is not of that type
   */
  public static Object decode(String text, LogicalType type) {
    try {
      return switch (type) {
        case LogicalType.NaiveDateTimeType t -> LocalDateTime.parse(text);
        case LogicalType.UtcDateTimeType t -> Instant.parse(text);
        case LogicalType.NaiveDateType t -> LocalDate.parse(text);
        case LogicalType.DecimalType t -> new BigDecimal(text);
        case LogicalType.BinaryType t -> Base64.getDecoder().decode(text);
        case LogicalType.VectorType t -> throw new IllegalArgumentException("a vector cannot order rows");
        case LogicalType.BooleanType t -> Boolean.parseBoolean(text);
        case LogicalType.ShortType t -> Short.parseShort(text);
        case LogicalType.IntType t -> Integer.parseInt(text);
        case LogicalType.LongType t -> Long.parseLong(text);
        case LogicalType.FloatType t -> Float.parseFloat(text);
        case LogicalType.DoubleType t -> Double.parseDouble(text);
        case LogicalType.StringType t -> text;
        case LogicalType.JsonType t -> text;
      };
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a " + type.fivetranName() + " value: " + text, e);
    }
  }

  /**
   * The seed's {@code <table>_last_created} text for a temporal cursor value (Python
   * {@code isoformat()} of an aware UTC datetime: {@code 2024-05-01T10:00:00+00:00}, with
   * {@code .ffffff} only when there are microseconds); {@code null} for other types.
   */
  public static String seedLastCreated(Object value) {
    LocalDateTime utc =
        switch (value) {
          case LocalDateTime dt -> dt;
          case Instant i -> LocalDateTime.ofInstant(i, ZoneOffset.UTC);
          case LocalDate d -> d.atStartOfDay();
          default -> null;
        };
    if (utc == null) {
      return null;
    }
    String base = utc.withNano(0).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    if (base.length() == 16) {
      base += ":00";
    }
    int micros = utc.getNano() / 1000;
    String fraction = micros == 0 ? "" : String.format(java.util.Locale.ROOT, ".%06d", micros);
    return base + fraction + "+00:00";
  }

  /**
   * The cursor value a seed {@code <table>_last_created} text stands for in a column of
   * {@code type}, or {@code null} when the type is not temporal.
   *
   * @throws IllegalArgumentException when the text is not ISO-8601
   */
  public static Object fromSeedLastCreated(String text, LogicalType type) {
    OffsetDateTime parsed;
    try {
      parsed = OffsetDateTime.parse(text.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      try {
        parsed = LocalDateTime.parse(text.replace(' ', 'T')).atOffset(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw new IllegalArgumentException("not an ISO-8601 date-time: " + text, again);
      }
    }
    OffsetDateTime utc = parsed.withOffsetSameInstant(ZoneOffset.UTC);
    return switch (type) {
      case LogicalType.NaiveDateTimeType t -> utc.toLocalDateTime();
      case LogicalType.UtcDateTimeType t -> utc.toInstant();
      case LogicalType.NaiveDateType t -> utc.toLocalDate();
      default -> null;
    };
  }
}
