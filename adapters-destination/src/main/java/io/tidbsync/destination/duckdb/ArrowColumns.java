package io.tidbsync.destination.duckdb;

import io.tidbsync.domain.model.LogicalType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.DecimalVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.SmallIntVector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.TimeStampMicroVector;
import org.apache.arrow.vector.VarBinaryVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.complex.ListVector;
import org.apache.arrow.vector.types.DateUnit;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * How a logical type travels to DuckDB in an Arrow batch: its Arrow field, which DuckDB reads as
 * the column's own type (a fixed-size list of floats as {@code FLOAT[n]}, a UTC microsecond
 * timestamp as {@code TIMESTAMPTZ}), and how one normalized value is set into its vector.
 */
final class ArrowColumns {
  private ArrowColumns() {}

  /** Sets one non-null normalized value at {@code row}; the vector has room for the batch. */
  @FunctionalInterface
  interface Setter {
    void set(FieldVector vector, int row, Object value);
  }

  static Field field(String name, LogicalType type) {
    return switch (type) {
      case LogicalType.BooleanType t -> Field.nullable(name, ArrowType.Bool.INSTANCE);
      case LogicalType.ShortType t -> Field.nullable(name, new ArrowType.Int(16, true));
      case LogicalType.IntType t -> Field.nullable(name, new ArrowType.Int(32, true));
      case LogicalType.LongType t -> Field.nullable(name, new ArrowType.Int(64, true));
      case LogicalType.DecimalType t -> Field.nullable(name, new ArrowType.Decimal(t.precision(), t.scale(), 128));
      case LogicalType.FloatType t -> Field.nullable(name, new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE));
      case LogicalType.DoubleType t -> Field.nullable(name, new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE));
      case LogicalType.NaiveDateType t -> Field.nullable(name, new ArrowType.Date(DateUnit.DAY));
      case LogicalType.NaiveDateTimeType t -> Field.nullable(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, null));
      case LogicalType.UtcDateTimeType t -> Field.nullable(name, new ArrowType.Timestamp(TimeUnit.MICROSECOND, "UTC"));
      case LogicalType.BinaryType t -> Field.nullable(name, ArrowType.Binary.INSTANCE);
      case LogicalType.StringType t -> Field.nullable(name, ArrowType.Utf8.INSTANCE);
      case LogicalType.JsonType t -> Field.nullable(name, ArrowType.Utf8.INSTANCE);
      case LogicalType.VectorType t -> new Field(name, FieldType.nullable(t.dimension().isPresent()
              ? new ArrowType.FixedSizeList(t.dimension().getAsInt()) : ArrowType.List.INSTANCE),
          List.of(Field.nullable("element", new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE))));
    };
  }

  static Setter setter(LogicalType type) {
    return switch (type) {
      case LogicalType.BooleanType t -> (v, i, x) -> ((BitVector) v).setSafe(i, (Boolean) x ? 1 : 0);
      case LogicalType.ShortType t -> (v, i, x) -> ((SmallIntVector) v).setSafe(i, (Short) x);
      case LogicalType.IntType t -> (v, i, x) -> ((IntVector) v).setSafe(i, (Integer) x);
      case LogicalType.LongType t -> (v, i, x) -> ((BigIntVector) v).setSafe(i, (Long) x);
      case LogicalType.DecimalType t -> (v, i, x) -> ((DecimalVector) v).setSafe(i, scaled((BigDecimal) x, t));
      case LogicalType.FloatType t -> (v, i, x) -> ((Float4Vector) v).setSafe(i, (Float) x);
      case LogicalType.DoubleType t -> (v, i, x) -> ((Float8Vector) v).setSafe(i, (Double) x);
      case LogicalType.NaiveDateType t -> (v, i, x) -> ((DateDayVector) v).setSafe(i, Math.toIntExact(((LocalDate) x).toEpochDay()));
      case LogicalType.NaiveDateTimeType t -> (v, i, x) -> ((TimeStampMicroVector) v).setSafe(i, EpochMicros.of((LocalDateTime) x));
      case LogicalType.UtcDateTimeType t -> (v, i, x) -> ((TimeStampMicroTZVector) v).setSafe(i, EpochMicros.of((Instant) x));
      case LogicalType.BinaryType t -> (v, i, x) -> ((VarBinaryVector) v).setSafe(i, (byte[]) x);
      case LogicalType.StringType t -> ArrowColumns::setText;
      case LogicalType.JsonType t -> ArrowColumns::setText;
      case LogicalType.VectorType t -> t.dimension().isPresent()
          ? fixedFloats(t.dimension().getAsInt()) : ArrowColumns::setFloatList;
    };
  }

  private static void setText(FieldVector vector, int row, Object value) {
    ((VarCharVector) vector).setSafe(row, ((String) value).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The value at the column's scale; a value that would need rounding is refused (the normalizer
   * never makes one, and DuckDB must not round silently).
   */
  private static BigDecimal scaled(BigDecimal value, LogicalType.DecimalType type) {
    if (value.scale() == type.scale()) {
      return value;
    }
    try {
      return value.setScale(type.scale(), RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("value " + value.toPlainString() + " has more than the "
          + type.scale() + " decimal places of its column DECIMAL(" + type.precision() + "," + type.scale() + ")");
    }
  }

  /**
   * A vector of exactly {@code dimension} floats, copied into the child's data buffer in one bulk
   * copy (Arrow's buffers are little-endian), and its validity bits set a byte at a time where the
   * row's first float starts a byte of the bitmap (a dimension that is a multiple of 8).
   */
  private static Setter fixedFloats(int dimension) {
    return (vector, row, value) -> {
      float[] floats = (float[]) value;
      if (floats.length != dimension) {
        throw new IllegalArgumentException("a vector of " + floats.length + " floats does not fit FLOAT[" + dimension + "]");
      }
      FixedSizeListVector list = (FixedSizeListVector) vector;
      Float4Vector child = (Float4Vector) list.getDataVector();
      int first = row * dimension;
      while (child.getValueCapacity() < first + dimension) {
        child.reAlloc();
      }
      list.setNotNull(row);
      child.getDataBuffer().nioBuffer((long) first * Float.BYTES, dimension * Float.BYTES)
          .order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(floats);
      var validity = child.getValidityBuffer();
      int j = 0;
      for (; j < dimension && (first + j) % 8 != 0; j++) {
        BitVectorHelper.setBit(validity, first + j);
      }
      int wholeBytes = (dimension - j) / 8;
      if (wholeBytes > 0) {
        validity.setOne((first + j) / 8, wholeBytes);
        j += wholeBytes * 8;
      }
      for (; j < dimension; j++) {
        BitVectorHelper.setBit(validity, first + j);
      }
    };
  }

  private static void setFloatList(FieldVector vector, int row, Object value) {
    float[] floats = (float[]) value;
    ListVector list = (ListVector) vector;
    Float4Vector child = (Float4Vector) list.getDataVector();
    int first = list.startNewValue(row);
    for (int j = 0; j < floats.length; j++) {
      child.setSafe(first + j, floats[j]);
    }
    list.endValue(row, floats.length);
  }
}
