package io.tidbsync.domain.normalize;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;

/**
 * MySQL's text forms of DATE and DATETIME/TIMESTAMP ({@code 2024-05-01 10:00:00.123456}, zero to
 * six fraction digits, {@code T} accepted as separator). Zero dates ({@code 0000-00-00}, and any
 * value with a zero month or day) parse to {@code null}: they name no day.
 */
public final class TemporalText {
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .optionalStart()
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .toFormatter();

  private TemporalText() {}

  /** True for MySQL zero dates such as {@code 0000-00-00} or {@code 2024-00-10 00:00:00}. */
  public static boolean isZeroDate(String text) {
    return text.length() >= 10
        && (text.startsWith("0000-00-00")
            || text.startsWith("00", 5) && text.charAt(7) == '-'
            || text.startsWith("00", 8));
  }

  /** The date-time, or {@code null} for a zero date. */
  public static LocalDateTime parseDateTime(String text) {
    if (isZeroDate(text)) {
      return null;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay();
      }
      return LocalDateTime.parse(text, DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a date-time: " + Redaction.excerpt(text), e);
    }
  }

  /** The date, or {@code null} for a zero date. */
  public static LocalDate parseDate(String text) {
    if (isZeroDate(text)) {
      return null;
    }
    try {
      return text.length() == 10
          ? LocalDate.parse(text)
          : LocalDateTime.parse(text, DATE_TIME).toLocalDate();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not a date: " + Redaction.excerpt(text), e);
    }
  }
}
