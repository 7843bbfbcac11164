package io.tidbsync.domain.cursor;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.model.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
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

  @Property
  void dateTimesRoundTrip(@ForAll("dateTimes") LocalDateTime value) {
    LogicalType type = new LogicalType.NaiveDateTimeType();
    assertThat(CursorCodec.decode(CursorCodec.encode(value, type), type)).isEqualTo(value);
    LogicalType utc = new LogicalType.UtcDateTimeType();
    Instant instant = value.toInstant(java.time.ZoneOffset.UTC);
    assertThat(CursorCodec.decode(CursorCodec.encode(instant, utc), utc)).isEqualTo(instant);
    assertThat(CursorCodec.fromSeedLastCreated(CursorCodec.seedLastCreated(value), type)).isEqualTo(value);
  }

  @Property
  void numbersAndTextRoundTrip(@ForAll long l, @ForAll("decimals") BigDecimal d, @ForAll String s) {
    assertThat(CursorCodec.decode(CursorCodec.encode(l, new LogicalType.LongType()), new LogicalType.LongType())).isEqualTo(l);
    LogicalType decimal = new LogicalType.DecimalType(38, 6);
    assertThat(CursorCodec.decode(CursorCodec.encode(d, decimal), decimal)).isEqualTo(d);
    assertThat(CursorCodec.decode(CursorCodec.encode(s, new LogicalType.StringType()), new LogicalType.StringType())).isEqualTo(s);
  }

  @Provide
  Arbitrary<LocalDateTime> dateTimes() {
    return Arbitraries.longs().between(-30_000_000_000L, 250_000_000_000L)
        .flatMap(sec -> Arbitraries.integers().between(0, 999_999)
            .map(micros -> LocalDateTime.ofEpochSecond(sec, micros * 1000, java.time.ZoneOffset.UTC)));
  }

  @Provide
  Arbitrary<BigDecimal> decimals() {
    return Arbitraries.bigDecimals().between(new BigDecimal("-1e20"), new BigDecimal("1e20")).ofScale(6);
  }
}
