package io.tidbsync.domain;

import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.LogicalType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Cursor arithmetic: the look-back start, the cap on stored positions, the zero-date stand-in. */
final class Cursors {
  /** Cursor value that stands for a zero date ({@code 0000-00-00}), which sorts first in MySQL. */
  static final LocalDateTime ZERO_DATE_TIME = LocalDateTime.of(0, 1, 1, 0, 0);

  private Cursors() {}

  static Object zeroDate(LogicalType type) {
    return switch (type) {
      case LogicalType.NaiveDateTimeType t -> ZERO_DATE_TIME;
      case LogicalType.NaiveDateType t -> LocalDate.of(0, 1, 1);
      case LogicalType.UtcDateTimeType t -> ZERO_DATE_TIME.toInstant(ZoneOffset.UTC);
      default -> throw new IllegalArgumentException("cursor value is NULL");
    };
  }

  /**
   * Where a run starts reading: {@code window} before the stored cursor value, inclusive, for
   * temporal cursors (rows committed late with an earlier value are caught); the stored position
   * itself for other cursors, where "earlier" has no duration.
   */
  static CursorPosition lookBack(CursorPosition stored, Duration window) {
    if (window.isZero() || stored.cursor() == null) {
      return stored;
    }
    return switch (stored.cursor()) {
      case LocalDateTime dt -> CursorPosition.inclusive(dt.minus(window));
      case Instant i -> CursorPosition.inclusive(i.minus(window));
      case LocalDate d -> CursorPosition.inclusive(d.minusDays(Math.max(1, (window.toSeconds() + 86_399) / 86_400)));
      default -> stored;
    };
  }

  /** The watermark as a value of the cursor's type (naive values in UTC), for temporal cursors. */
  static java.util.Optional<Object> upTo(LogicalType cursorType, java.util.Optional<Instant> watermark) {
    return watermark.flatMap(w -> switch (cursorType) {
      case LogicalType.NaiveDateTimeType t -> java.util.Optional.of((Object) LocalDateTime.ofInstant(w, ZoneOffset.UTC));
      case LogicalType.UtcDateTimeType t -> java.util.Optional.of((Object) w);
      case LogicalType.NaiveDateType t -> java.util.Optional.of((Object) LocalDate.ofInstant(w, ZoneOffset.UTC).minusDays(1));
      default -> java.util.Optional.empty();
    });
  }

  /**
   * The position to store, at most {@code limit} (now plus clock skew, naive values read as UTC):
   * a row dated in the future must not move the stored cursor past rows that are yet to come.
   */
  static CursorPosition cap(CursorPosition position, Instant limit) {
    Object cursor = position.cursor();
    if (cursor == null) {
      return position;
    }
    return switch (cursor) {
      case LocalDateTime dt when dt.isAfter(LocalDateTime.ofInstant(limit, ZoneOffset.UTC)) ->
          CursorPosition.inclusive(LocalDateTime.ofInstant(limit, ZoneOffset.UTC));
      case Instant i when i.isAfter(limit) -> CursorPosition.inclusive(limit);
      case LocalDate d when d.isAfter(LocalDate.ofInstant(limit, ZoneOffset.UTC)) ->
          CursorPosition.inclusive(LocalDate.ofInstant(limit, ZoneOffset.UTC));
      default -> position;
    };
  }
}
