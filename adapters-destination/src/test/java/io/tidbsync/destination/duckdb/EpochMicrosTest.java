package io.tidbsync.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.quicktheories.QuickTheory;
import org.quicktheories.generators.Generate;

/** Timestamps are appended as epoch microseconds: the same count java.time gives, before 1970 too. */
class EpochMicrosTest {
  /** Years 0001 to 9999, DuckDB's TIMESTAMP range as MySQL uses it. */
  private static final long MIN = LocalDateTime.of(1, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC);
  private static final long MAX = LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC);

  @Test
  void instantsBecomeTheirMicrosecondsSinceTheEpochTruncatingNanos() {
    QuickTheory.qt().withExamples(1000)
        .forAll(Generate.longRange(MIN, MAX), Generate.longRange(0, 999_999_999))
        .checkAssert(EpochMicrosTest::microseconds);
  }

  private static void microseconds(long seconds, long nanos) {
    Instant instant = Instant.ofEpochSecond(seconds, nanos);
    assertThat(seconds).isBetween(MIN, MAX);
    long expected = ChronoUnit.MICROS.between(Instant.EPOCH, instant.truncatedTo(ChronoUnit.MICROS));
    assertThat(EpochMicros.of(instant)).isEqualTo(expected);
    assertThat(EpochMicros.of(LocalDateTime.ofInstant(instant, ZoneOffset.UTC))).isEqualTo(expected);
  }
}
