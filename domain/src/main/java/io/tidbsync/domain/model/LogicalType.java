package io.tidbsync.domain.model;

import java.util.OptionalInt;

/**
 * The closed set of column types tidb-sync moves: Fivetran's data types plus vectors. Adapters map
 * their native types to and from these; switches over it have no default so a new case breaks the
 * build where it is not handled.
 */
public sealed interface LogicalType {
  /** Largest precision a DECIMAL may have here; wider source decimals travel as exact text. */
  int MAX_DECIMAL_PRECISION = 38;

  /** Fivetran's name for this type (VECTOR for vectors, which Fivetran sends as JSON). */
  String fivetranName();

  record BooleanType() implements LogicalType {
    public String fivetranName() {
      return "BOOLEAN";
    }
  }

  record ShortType() implements LogicalType {
    public String fivetranName() {
      return "SHORT";
    }
  }

  record IntType() implements LogicalType {
    public String fivetranName() {
      return "INT";
    }
  }

  record LongType() implements LogicalType {
    public String fivetranName() {
      return "LONG";
    }
  }

  /** Exact decimal; values are {@link java.math.BigDecimal} with exactly this scale. */
  record DecimalType(int precision, int scale) implements LogicalType {
    public DecimalType {
      if (precision < 1 || precision > MAX_DECIMAL_PRECISION) {
        throw new IllegalArgumentException(
            "precision must be in 1.." + MAX_DECIMAL_PRECISION + ": " + precision);
      }
      if (scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "scale must be <= precision: " + scale + " > " + precision);
      }
    }

    public String fivetranName() {
      return "DECIMAL";
    }
  }

  record FloatType() implements LogicalType {
    public String fivetranName() {
      return "FLOAT";
    }
  }

  record DoubleType() implements LogicalType {
    public String fivetranName() {
      return "DOUBLE";
    }
  }

  /** A calendar date without zone: {@link java.time.LocalDate}. */
  record NaiveDateType() implements LogicalType {
    public String fivetranName() {
      return "NAIVE_DATE";
    }
  }

  /** A wall-clock date-time without zone: {@link java.time.LocalDateTime}, microseconds kept. */
  record NaiveDateTimeType() implements LogicalType {
    public String fivetranName() {
      return "NAIVE_DATETIME";
    }
  }

  /** An instant: {@link java.time.Instant}, microseconds kept. */
  record UtcDateTimeType() implements LogicalType {
    public String fivetranName() {
      return "UTC_DATETIME";
    }
  }

  /** Bytes: {@code byte[]}. */
  record BinaryType() implements LogicalType {
    public String fivetranName() {
      return "BINARY";
    }
  }

  record StringType() implements LogicalType {
    public String fivetranName() {
      return "STRING";
    }
  }

  /** JSON document kept as its text. */
  record JsonType() implements LogicalType {
    public String fivetranName() {
      return "JSON";
    }
  }

  /** A float32 embedding: {@code float[]}; a present dimension is enforced on every value. */
  record VectorType(OptionalInt dimension) implements LogicalType {
    public VectorType {
      java.util.Objects.requireNonNull(dimension, "dimension is null");
      if (dimension.isPresent() && dimension.getAsInt() < 1) {
        throw new IllegalArgumentException("dimension must be positive: " + dimension.getAsInt());
      }
    }

    public static VectorType of(int dimension) {
      return new VectorType(OptionalInt.of(dimension));
    }

    public static VectorType unsized() {
      return new VectorType(OptionalInt.empty());
    }

    public String fivetranName() {
      return "VECTOR";
    }
  }
}
