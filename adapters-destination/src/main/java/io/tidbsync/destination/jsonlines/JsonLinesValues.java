package io.tidbsync.destination.jsonlines;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tidbsync.domain.model.LogicalType;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * How values look in a line. Exact over convenient: decimals are strings (a JSON number would be
 * read as a double by most tools), dates and times ISO-8601 strings (UTC ones end in {@code Z}),
 * binary base64, JSON columns their document text, vectors arrays of numbers; a float that JSON
 * numbers cannot spell (NaN, infinities) is a string.
 */
final class JsonLinesValues {
  private JsonLinesValues() {}

  static void write(JsonGenerator out, LogicalType type, Object value) throws IOException {
    if (value == null) {
      out.writeNull();
      return;
    }
    switch (type) {
      case LogicalType.BooleanType t -> out.writeBoolean((Boolean) value);
      case LogicalType.ShortType t -> out.writeNumber((Short) value);
      case LogicalType.IntType t -> out.writeNumber((Integer) value);
      case LogicalType.LongType t -> out.writeNumber((Long) value);
      case LogicalType.DecimalType t -> out.writeString(((BigDecimal) value).toPlainString());
      case LogicalType.FloatType t -> {
        float f = (Float) value;
        if (Float.isFinite(f)) {
          out.writeNumber(f);
        } else {
          out.writeString(Float.toString(f));
        }
      }
      case LogicalType.DoubleType t -> {
        double d = (Double) value;
        if (Double.isFinite(d)) {
          out.writeNumber(d);
        } else {
          out.writeString(Double.toString(d));
        }
      }
      case LogicalType.NaiveDateType t -> out.writeString(((LocalDate) value).toString());
      case LogicalType.NaiveDateTimeType t -> out.writeString(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format((LocalDateTime) value));
      case LogicalType.UtcDateTimeType t -> out.writeString(DateTimeFormatter.ISO_INSTANT.format((Instant) value));
      case LogicalType.BinaryType t -> out.writeBinary((byte[]) value);
      case LogicalType.StringType t -> out.writeString((String) value);
      case LogicalType.JsonType t -> out.writeString((String) value);
      case LogicalType.VectorType t -> {
        float[] vector = (float[]) value;
        out.writeStartArray();
        for (float f : vector) {
          out.writeNumber(f);
        }
        out.writeEndArray();
      }
    }
  }

  /** Reads the value at the parser's current token back as the domain's value (key columns). */
  static Object read(JsonParser in, LogicalType type) throws IOException {
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    return switch (type) {
      case LogicalType.BooleanType t -> in.getBooleanValue();
      // A column the source narrowed may hold older, wider values: those stay longs.
      case LogicalType.ShortType t -> narrow(in.getLongValue(), Short.MIN_VALUE, Short.MAX_VALUE, true);
      case LogicalType.IntType t -> narrow(in.getLongValue(), Integer.MIN_VALUE, Integer.MAX_VALUE, false);
      case LogicalType.LongType t -> in.getLongValue();
      case LogicalType.DecimalType t -> new BigDecimal(in.getText());
      case LogicalType.FloatType t -> Float.parseFloat(in.getText());
      case LogicalType.DoubleType t -> Double.parseDouble(in.getText());
      case LogicalType.NaiveDateType t -> LocalDate.parse(in.getText());
      case LogicalType.NaiveDateTimeType t -> LocalDateTime.parse(in.getText());
      case LogicalType.UtcDateTimeType t -> Instant.parse(in.getText());
      case LogicalType.BinaryType t -> Base64.getDecoder().decode(in.getText());
      case LogicalType.StringType t -> in.getText();
      case LogicalType.JsonType t -> in.getText();
      case LogicalType.VectorType t -> throw new IOException("a vector column cannot be part of a key");
    };
  }

  private static Object narrow(long value, long min, long max, boolean toShort) {
    if (value < min || value > max) {
      return value;
    }
    return toShort ? (Object) (short) value : (Object) (int) value;
  }
}
