package io.tidbsync.destination.postgres;

import io.tidbsync.domain.model.LogicalType;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.postgresql.util.ByteConverter;

/**
 * Writes one field of a row in COPY's binary format: its length, then the value as PostgreSQL's
 * own binary input function reads it (big-endian integers, IEEE floats bit for bit, dates and
 * timestamps counted from 2000-01-01, numeric by pgjdbc's {@link ByteConverter#numeric(BigDecimal)}).
 * Each writer casts its value to the logical type's Java type, so a value of the wrong type fails
 * here, before the row is sent.
 *
 * <p>Why binary: in a profile of a 1M-row sync into PostgreSQL with COPY's text format, formatting
 * timestamps with a {@code DateTimeFormatter}, escaping text character by character and printing
 * doubles took most of the writer thread; in binary each is a few stores.
 */
@FunctionalInterface
interface PostgresCopyBinary {
  void write(DataOutputStream out, Object value) throws IOException;

  /** The start of PostgreSQL's dates and timestamps, 2000-01-01, in days and seconds from 1970. */
  long EPOCH_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
  long EPOCH_SECOND = EPOCH_DAY * 86_400L;
  /** {@code real}'s type OID: the element type written into a {@code real[]}. */
  int FLOAT4_OID = 700;
  byte JSONB_VERSION = 1;

  /**
   * The writer for values of type {@code values} into a column of PostgreSQL type
   * {@code columnType}, which may be wider ({@code bigint} for an INT source that narrowed again,
   * see {@code TypeWidening}): binary input must match the column's type, so the value is widened
   * to it first, exactly.
   */
  static PostgresCopyBinary forColumn(LogicalType values, String columnType) {
    boolean pgvector = columnType.startsWith("vector");
    LogicalType column = PostgresTypes.logical(columnType).orElse(values);
    if (column.equals(values) || column instanceof LogicalType.VectorType) {
      return forType(values, pgvector);
    }
    PostgresCopyBinary target = forType(column, pgvector);
    return switch (column) {
      case LogicalType.IntType t -> (out, v) -> target.write(out, ((Number) v).intValue());
      case LogicalType.LongType t -> (out, v) -> target.write(out, ((Number) v).longValue());
      case LogicalType.DoubleType t -> (out, v) -> target.write(out, ((Number) v).doubleValue());
      case LogicalType.DecimalType t -> (out, v) -> target.write(out,
          v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).longValue()));
      default -> forType(values, pgvector);
    };
  }

  static PostgresCopyBinary forType(LogicalType type, boolean pgvector) {
    return switch (type) {
      case LogicalType.BooleanType t -> (out, v) -> {
        out.writeInt(1);
        out.writeByte((Boolean) v ? 1 : 0);
      };
      case LogicalType.ShortType t -> (out, v) -> {
        out.writeInt(2);
        out.writeShort((Short) v);
      };
      case LogicalType.IntType t -> (out, v) -> {
        out.writeInt(4);
        out.writeInt((Integer) v);
      };
      case LogicalType.LongType t -> (out, v) -> {
        out.writeInt(8);
        out.writeLong((Long) v);
      };
      case LogicalType.DecimalType t -> (out, v) -> bytes(out, ByteConverter.numeric((BigDecimal) v));
      case LogicalType.FloatType t -> (out, v) -> {
        out.writeInt(4);
        out.writeInt(Float.floatToRawIntBits((Float) v));
      };
      case LogicalType.DoubleType t -> (out, v) -> {
        out.writeInt(8);
        out.writeLong(Double.doubleToRawLongBits((Double) v));
      };
      case LogicalType.NaiveDateType t -> (out, v) -> {
        out.writeInt(4);
        out.writeInt(Math.toIntExact(((LocalDate) v).toEpochDay() - EPOCH_DAY));
      };
      case LogicalType.NaiveDateTimeType t -> (out, v) -> {
        LocalDateTime time = (LocalDateTime) v;
        timestamp(out, time.toEpochSecond(ZoneOffset.UTC), time.getNano());
      };
      case LogicalType.UtcDateTimeType t -> (out, v) -> {
        Instant time = (Instant) v;
        timestamp(out, time.getEpochSecond(), time.getNano());
      };
      case LogicalType.BinaryType t -> (out, v) -> bytes(out, (byte[]) v);
      case LogicalType.StringType t -> (out, v) -> bytes(out, text((String) v));
      case LogicalType.JsonType t -> (out, v) -> {
        byte[] json = text((String) v);
        out.writeInt(json.length + 1);
        out.writeByte(JSONB_VERSION);
        out.write(json);
      };
      case LogicalType.VectorType t -> pgvector ? PostgresCopyBinary::pgvector : PostgresCopyBinary::realArray;
    };
  }

  /** Microseconds from 2000-01-01 (UTC for a timestamptz); sub-microsecond digits are dropped. */
  static void timestamp(DataOutputStream out, long epochSecond, int nanos) throws IOException {
    out.writeInt(8);
    out.writeLong(Math.addExact(Math.multiplyExact(epochSecond - EPOCH_SECOND, 1_000_000L), nanos / 1000));
  }

  private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  /**
   * Text as UTF-8. PostgreSQL text cannot hold the NUL character at all, so a value with one is
   * refused here with a message that says so, rather than by the server mid-COPY.
   */
  static byte[] text(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "a text value holds the NUL character (U+0000), which PostgreSQL text cannot store");
    }
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** pgvector's {@code vector}: its dimension, an unused 16-bit word, the floats. */
  private static void pgvector(DataOutputStream out, Object value) throws IOException {
    float[] floats = (float[]) value;
    if (floats.length > Short.MAX_VALUE) {
      throw new IllegalArgumentException("a vector of " + floats.length + " floats is longer than pgvector stores");
    }
    out.writeInt(4 + 4 * floats.length);
    out.writeShort(floats.length);
    out.writeShort(0);
    for (float f : floats) {
      out.writeInt(Float.floatToRawIntBits(f));
    }
  }

  /** A one-dimensional {@code real[]} without NULLs, lower bound 1; an empty array has no dimension. */
  private static void realArray(DataOutputStream out, Object value) throws IOException {
    float[] floats = (float[]) value;
    if (floats.length == 0) {
      out.writeInt(12);
      out.writeInt(0);
      out.writeInt(0);
      out.writeInt(FLOAT4_OID);
      return;
    }
    out.writeInt(20 + 8 * floats.length);
    out.writeInt(1);
    out.writeInt(0);
    out.writeInt(FLOAT4_OID);
    out.writeInt(floats.length);
    out.writeInt(1);
    for (float f : floats) {
      out.writeInt(4);
      out.writeInt(Float.floatToRawIntBits(f));
    }
  }
}
