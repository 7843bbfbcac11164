package io.tidbsync.domain.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.model.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
  @Test
  void writesTheSeedsLastCreatedForm() {
    assertThat(CursorCodec.seedLastCreated(LocalDateTime.of(2024, 5, 1, 10, 0)))
        .isEqualTo("2024-05-01T10:00:00+00:00");
    assertThat(CursorCodec.seedLastCreated(Instant.parse("2024-05-01T10:00:00.123456Z")))
        .isEqualTo("2024-05-01T10:00:00.123456+00:00");
    assertThat(CursorCodec.seedLastCreated(42L)).isNull();
  }

  @Test
  void readsTheSeedsLastCreatedIntoEachTemporalType() {
    String seed = "2024-05-01T12:00:00.5+02:00";
    assertThat(CursorCodec.fromSeedLastCreated(seed, new LogicalType.NaiveDateTimeType()))
        .isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0, 0, 500_000_000));
    assertThat(CursorCodec.fromSeedLastCreated(seed, new LogicalType.UtcDateTimeType()))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.5Z"));
    assertThat(CursorCodec.fromSeedLastCreated("2024-05-01T10:00:00Z", new LogicalType.NaiveDateType()))
        .isEqualTo(LocalDate.of(2024, 5, 1));
  }

  @Test
  void keepsMicrosecondsAndAnExplicitZone() {
    assertThat(CursorCodec.encode(Instant.parse("2024-05-01T10:00:00Z"), new LogicalType.UtcDateTimeType()))
        .isEqualTo("2024-05-01T10:00:00.000000Z");
    assertThat(CursorCodec.encode(new BigDecimal("1E+3"), new LogicalType.DecimalType(10, 0))).isEqualTo("1000");
  }

  @Test
  void dateTimesRoundTrip() {
    io.tidbsync.domain.testing.Properties.theory(1000).forAll(dateTimes()).checkAssert(CursorCodecTest::dateTimeRoundTrip);
  }

  private static void dateTimeRoundTrip(LocalDateTime value) {
    LogicalType type = new LogicalType.NaiveDateTimeType();
    assertThat(CursorCodec.decode(CursorCodec.encode(value, type), type)).isEqualTo(value);
    LogicalType utc = new LogicalType.UtcDateTimeType();
    Instant instant = value.toInstant(java.time.ZoneOffset.UTC);
    assertThat(CursorCodec.decode(CursorCodec.encode(instant, utc), utc)).isEqualTo(instant);
    assertThat(CursorCodec.fromSeedLastCreated(CursorCodec.seedLastCreated(value), type)).isEqualTo(value);
  }

  @Test
  void numbersAndTextRoundTrip() {
    io.tidbsync.domain.testing.Properties.theory(1000)
        .forAll(SourceDSL.longs().all(), decimals(), SourceDSL.strings().allPossible().ofLengthBetween(0, 40))
        .checkAssert(CursorCodecTest::roundTrips);
  }

  private static void roundTrips(long l, BigDecimal d, String s) {
    assertThat(CursorCodec.decode(CursorCodec.encode(l, new LogicalType.LongType()), new LogicalType.LongType())).isEqualTo(l);
    LogicalType decimal = new LogicalType.DecimalType(38, 6);
    assertThat(CursorCodec.decode(CursorCodec.encode(d, decimal), decimal)).isEqualTo(d);
    assertThat(CursorCodec.decode(CursorCodec.encode(s, new LogicalType.StringType()), new LogicalType.StringType())).isEqualTo(s);
  }

  static Gen<LocalDateTime> dateTimes() {
    return Generate.longRange(-30_000_000_000L, 250_000_000_000L).zip(Generate.range(0, 999_999),
        (sec, micros) -> LocalDateTime.ofEpochSecond(sec, micros * 1000, java.time.ZoneOffset.UTC));
  }

  /** Decimals of scale 6 with up to 26 digits (11 bytes of unscaled value). */
  static Gen<BigDecimal> decimals() {
    return SourceDSL.bigDecimals().ofBytes(11).withScale(6);
  }
}
