package io.tidbsync.destination.fivetran;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import fivetran_sdk.v2.ValueType;
import io.tidbsync.domain.model.LogicalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A value as the protocol's {@code ValueType}: decimals as plain text, naive dates and date-times
 * as their wall-clock time read as UTC, UTC date-times to the microsecond, binary as bytes, JSON
 * as text, vectors as JSON text, NULL as {@code null = true}.
 */
public final class FivetranValues {
  public static final ValueType NULL = ValueType.newBuilder().setNull(true).build();

  private FivetranValues() {}

  public static ValueType of(LogicalType type, Object value) {
    if (value == null) {
      return NULL;
    }
    ValueType.Builder out = ValueType.newBuilder();
    return switch (type) {
      case LogicalType.BooleanType t -> out.setBool((Boolean) value).build();
      case LogicalType.ShortType t -> out.setShort((Short) value).build();
      case LogicalType.IntType t -> out.setInt((Integer) value).build();
      case LogicalType.LongType t -> out.setLong((Long) value).build();
      case LogicalType.DecimalType t -> out.setDecimal(((BigDecimal) value).toPlainString()).build();
      case LogicalType.FloatType t -> out.setFloat((Float) value).build();
      case LogicalType.DoubleType t -> out.setDouble((Double) value).build();
      case LogicalType.NaiveDateType t ->
          out.setNaiveDate(timestamp(((LocalDate) value).toEpochDay() * 86_400L, 0)).build();
      case LogicalType.NaiveDateTimeType t -> {
        LocalDateTime dateTime = (LocalDateTime) value;
        yield out.setNaiveDatetime(timestamp(dateTime.toEpochSecond(ZoneOffset.UTC), dateTime.getNano())).build();
      }
      case LogicalType.UtcDateTimeType t -> {
        Instant instant = (Instant) value;
        yield out.setUtcDatetime(timestamp(instant.getEpochSecond(), instant.getNano())).build();
      }
      case LogicalType.BinaryType t -> out.setBinary(ByteString.copyFrom((byte[]) value)).build();
      case LogicalType.StringType t -> out.setString((String) value).build();
      case LogicalType.JsonType t -> out.setJson((String) value).build();
      case LogicalType.VectorType t -> out.setJson(vectorJson((float[]) value)).build();
    };
  }

  private static Timestamp timestamp(long seconds, int nanos) {
    return Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
  }

  /** {@code [0.1,-2.5]}: each float's shortest exact text. */
  static String vectorJson(float[] vector) {
    StringBuilder out = new StringBuilder(vector.length * 10 + 2).append('[');
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(Float.toString(vector[i]));
    }
    return out.append(']').toString();
  }
}
