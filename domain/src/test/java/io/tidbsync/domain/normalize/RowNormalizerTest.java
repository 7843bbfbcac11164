package io.tidbsync.domain.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;
import org.junit.jupiter.api.Test;

class RowNormalizerTest {
  private static TableSchema schema(LogicalType... types) {
    List<ColumnSpec> columns = new java.util.ArrayList<>();
    columns.add(new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"));
    for (int i = 0; i < types.length; i++) {
      columns.add(new ColumnSpec("c" + i, types[i], true, "x"));
    }
    return new TableSchema(TableId.of("t"), columns, List.of("id"), Optional.empty());
  }

  private static Object normalizeOne(DateTimePolicy policy, LogicalType type, Object raw) {
    TableSchema schema = schema(type);
    Row row = new RowNormalizer(policy).forTable(schema).normalize(Row.of(1L, raw), new NormalizationStats());
    return row.get(1);
  }

  @Test
  void integersAreRangeCheckedAndWidened() {
    assertThat(normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.IntType(), 7)).isEqualTo(7);
    assertThat(normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.LongType(), 7)).isEqualTo(7L);
    assertThat(normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.ShortType(), 7)).isEqualTo((short) 7);
    assertThatThrownBy(() -> normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.ShortType(), 70000))
        .isInstanceOf(RowRejectedException.class)
        .hasMessageContaining("column c0")
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.LongType(),
            new BigInteger("18446744073709551615")))
        .isInstanceOf(RowRejectedException.class);
  }

  @Test
  void decimalsStayExactAtTheirScale() {
    Object value = normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.DecimalType(38, 10),
        new BigDecimal("1234567890123456789012345678.1"));
    assertThat(value).isEqualTo(new BigDecimal("1234567890123456789012345678.1000000000"));
    assertThatThrownBy(() -> normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.DecimalType(5, 2),
            new BigDecimal("1.234")))
        .hasMessageContaining("more than 2 fraction digits");
    assertThatThrownBy(() -> normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.DecimalType(5, 2),
            new BigDecimal("12345")))
        .hasMessageContaining("does not fit DECIMAL(5,2)");
  }

  @Test
  void naiveDateTimesFollowThePolicy() {
    String text = "2024-05-01 10:00:00.123456";
    assertThat(normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.NaiveDateTimeType(), text))
        .isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0, 0, 123_456_000));
    assertThat(normalizeOne(DateTimePolicy.ASSUME_UTC, new LogicalType.NaiveDateTimeType(), text))
        .isEqualTo(Instant.parse("2024-05-01T10:00:00.123456Z"));
    TableSchema out = new RowNormalizer(DateTimePolicy.ASSUME_UTC).outputSchema(schema(new LogicalType.NaiveDateTimeType()));
    assertThat(out.columns().get(1).type()).isEqualTo(new LogicalType.UtcDateTimeType());
  }

  @Test
  void zeroDatesBecomeNullAndAreCounted() {
    TableSchema schema = schema(new LogicalType.NaiveDateType(), new LogicalType.NaiveDateTimeType(),
        new LogicalType.UtcDateTimeType());
    NormalizationStats stats = new NormalizationStats();
    Row row = new RowNormalizer(DateTimePolicy.KEEP_NAIVE).forTable(schema)
        .normalize(Row.of(1L, "0000-00-00", "0000-00-00 00:00:00", "2024-00-05 00:00:00"), stats);
    assertThat(row.values()).containsExactly(1L, null, null, null);
    assertThat(stats.zeroDates()).isEqualTo(3);
  }

  @Test
  void vectorsJsonAndBinaryKeepTheirForms() {
    assertThat((float[]) normalizeOne(DateTimePolicy.KEEP_NAIVE, LogicalType.VectorType.of(3), "[1,2.5,3]"))
        .containsExactly(1f, 2.5f, 3f);
    assertThat(normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.JsonType(), "{\"a\": [1, 2]}"))
        .isEqualTo("{\"a\": [1, 2]}");
    assertThat((byte[]) normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.BinaryType(), new byte[] {0, -1}))
        .containsExactly(0, -1);
    assertThatThrownBy(() -> normalizeOne(DateTimePolicy.KEEP_NAIVE, LogicalType.VectorType.of(3), "[1,2]"))
        .isInstanceOf(RowRejectedException.class)
        .hasMessageContaining("column c0");
  }

  @Test
  void nullsStayNull() {
    assertThat(normalizeOne(DateTimePolicy.ASSUME_UTC, new LogicalType.NaiveDateTimeType(), null)).isNull();
  }

  @Test
  void decimalTextRoundTripsExactly() {
    io.tidbsync.domain.testing.Properties.theory(1000).forAll(decimals()).checkAssert(RowNormalizerTest::decimalRoundTrip);
  }

  private static void decimalRoundTrip(BigDecimal value) {
    Object normalized = normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.DecimalType(38, 10), value.toPlainString());
    assertThat(((BigDecimal) normalized).compareTo(value)).isZero();
    assertThat(((BigDecimal) normalized).scale()).isEqualTo(10);
  }

  @Test
  void anyTimestampTextRoundTripsToTheSameInstant() {
    io.tidbsync.domain.testing.Properties.theory(1000).forAll(instants()).checkAssert(RowNormalizerTest::instantRoundTrip);
  }

  private static void instantRoundTrip(Instant instant) {
    String text = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS")
        .format(LocalDateTime.ofInstant(instant, ZoneOffset.UTC));
    assertThat(normalizeOne(DateTimePolicy.KEEP_NAIVE, new LogicalType.UtcDateTimeType(), text)).isEqualTo(instant);
    assertThat(normalizeOne(DateTimePolicy.ASSUME_UTC, new LogicalType.NaiveDateTimeType(), text)).isEqualTo(instant);
  }

  @Test
  void normalizingIsIdempotent() {
    io.tidbsync.domain.testing.Properties.theory(1000).forAll(instants(), decimals())
        .checkAssert(RowNormalizerTest::idempotent);
  }

  private static void idempotent(Instant instant, BigDecimal decimal) {
    TableSchema schema = schema(new LogicalType.UtcDateTimeType(), new LogicalType.DecimalType(38, 10),
        new LogicalType.NaiveDateType());
    TableNormalizer normalizer = new RowNormalizer(DateTimePolicy.ASSUME_UTC).forTable(schema);
    Row once = normalizer.normalize(Row.of(1L, instant, decimal, LocalDate.of(2020, 2, 29)), new NormalizationStats());
    Row copy = new Row(once.values().clone());
    assertThat(normalizer.normalize(copy, new NormalizationStats())).isEqualTo(once);
  }

  /** Decimals of scale 10 with up to 36 digits (15 bytes of unscaled value): inside DECIMAL(38,10). */
  static Gen<BigDecimal> decimals() {
    return SourceDSL.bigDecimals().ofBytes(15).withScale(10);
  }

  /** Instants from year 1000 to 9999, to the microsecond. */
  static Gen<Instant> instants() {
    return Generate.longRange(Instant.parse("1000-01-01T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-31T23:59:59Z").getEpochSecond())
        .zip(Generate.range(0, 999_999), (seconds, micros) -> Instant.ofEpochSecond(seconds, micros * 1000L));
  }
}
