package io.tidbsync.destination.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.model.LogicalType;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.postgresql.util.ByteConverter;

class PostgresCopyBinaryTest {
  private static ByteBuffer field(PostgresCopyBinary writer, Object value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    writer.write(new DataOutputStream(bytes), value);
    ByteBuffer buffer = ByteBuffer.wrap(bytes.toByteArray());
    assertThat(buffer.getInt()).as("the field's length").isEqualTo(buffer.remaining());
    return buffer;
  }

  @Test
  void datesAndTimestampsCountFromTheYear2000() throws IOException {
    var date = PostgresCopyBinary.forType(new LogicalType.NaiveDateType(), false);
    assertThat(field(date, LocalDate.of(2000, 1, 1)).getInt()).isZero();
    assertThat(field(date, LocalDate.of(1999, 12, 31)).getInt()).isEqualTo(-1);
    var naive = PostgresCopyBinary.forType(new LogicalType.NaiveDateTimeType(), false);
    assertThat(field(naive, LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1_000)).getLong()).isEqualTo(1);
    assertThat(field(naive, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000)).getLong()).isEqualTo(-1);
    var utc = PostgresCopyBinary.forType(new LogicalType.UtcDateTimeType(), false);
    assertThat(field(utc, Instant.parse("2000-01-02T00:00:00.000002Z")).getLong()).isEqualTo(86_400_000_002L);
    assertThat(field(utc, Instant.parse("1969-12-31T23:59:59.5Z")).getLong())
        .isEqualTo(-946_684_800_000_000L - 500_000);
  }

  @Test
  void floatsKeepTheirBitsAndNumericIsPgjdbcsEncoding() throws IOException {
    assertThat(field(PostgresCopyBinary.forType(new LogicalType.FloatType(), false), -0.0f).getInt())
        .isEqualTo(Float.floatToRawIntBits(-0.0f));
    ByteBuffer numeric = field(PostgresCopyBinary.forType(new LogicalType.DecimalType(12, 2), false),
        new BigDecimal("-1234567.89"));
    byte[] rest = new byte[numeric.remaining()];
    numeric.get(rest);
    assertThat(ByteConverter.numeric(rest)).isEqualTo(new BigDecimal("-1234567.89"));
  }

  @Test
  void vectorsGoOutAsTheirColumnsType() throws IOException {
    ByteBuffer pgvector = field(PostgresCopyBinary.forColumn(LogicalType.VectorType.of(2), "vector(2)"),
        new float[] {1.5f, -0.0f});
    assertThat(pgvector.getShort()).isEqualTo((short) 2);
    assertThat(pgvector.getShort()).isZero();
    assertThat(pgvector.getFloat()).isEqualTo(1.5f);
    assertThat(Float.floatToRawIntBits(pgvector.getFloat())).isEqualTo(Float.floatToRawIntBits(-0.0f));
    ByteBuffer array = field(PostgresCopyBinary.forColumn(LogicalType.VectorType.of(2), "real[]"), new float[] {1.5f, 2f});
    assertThat(new int[] {array.getInt(), array.getInt(), array.getInt(), array.getInt(), array.getInt()})
        .containsExactly(1, 0, PostgresCopyBinary.FLOAT4_OID, 2, 1);
    assertThat(array.getInt()).isEqualTo(4);
    assertThat(array.getFloat()).isEqualTo(1.5f);
  }

  @Test
  void aValueIsWidenedToTheWiderColumnItLandsIn() throws IOException {
    assertThat(field(PostgresCopyBinary.forColumn(new LogicalType.IntType(), "bigint"), 7).getLong()).isEqualTo(7L);
    assertThat(field(PostgresCopyBinary.forColumn(new LogicalType.FloatType(), "double precision"), 0.1f).getDouble())
        .isEqualTo((double) 0.1f);
    ByteBuffer numeric = field(PostgresCopyBinary.forColumn(new LogicalType.IntType(), "numeric(14,4)"), -5);
    byte[] rest = new byte[numeric.remaining()];
    numeric.get(rest);
    assertThat(ByteConverter.numeric(rest)).isEqualTo(BigDecimal.valueOf(-5));
  }

  @Test
  void textWithNulAndValuesOfTheWrongTypeAreRefused() {
    var text = PostgresCopyBinary.forType(new LogicalType.StringType(), false);
    assertThatThrownBy(() -> field(text, "a\0b")).hasMessageContaining("NUL character");
    assertThatThrownBy(() -> field(PostgresCopyBinary.forColumn(new LogicalType.IntType(), "bigint"), "7"))
        .isInstanceOf(ClassCastException.class);
  }
}
