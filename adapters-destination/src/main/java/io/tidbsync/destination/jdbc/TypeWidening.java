package io.tidbsync.destination.jdbc;

import io.tidbsync.domain.model.LogicalType;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Schema evolution's one rule, shared by the SQL destinations: a destination column of one type
 * can take the values of another when every value fits unchanged. A source column that widened
 * (INT to BIGINT, DECIMAL(10,2) to DECIMAL(14,4)) makes the destination widen its column; one
 * that narrowed leaves the wider column as it is; any other change is refused, never converted.
 */
public final class TypeWidening {
  private TypeWidening() {}

  /** Whether a column of type {@code column} holds every value of type {@code values} unchanged. */
  public static boolean holds(LogicalType column, LogicalType values) {
    if (column.equals(values)) {
      return true;
    }
    OptionalInt digits = integerDigits(values);
    if (digits.isPresent()) {
      return switch (column) {
        case LogicalType.IntType t -> digits.getAsInt() <= 10;
        case LogicalType.LongType t -> true;
        case LogicalType.DoubleType t -> digits.getAsInt() <= 10; // integers up to 2^53 are exact
        case LogicalType.DecimalType d -> d.precision() - d.scale() >= digits.getAsInt();
        default -> false;
      };
    }
    if (values instanceof LogicalType.FloatType) {
      return column instanceof LogicalType.DoubleType;
    }
    if (values instanceof LogicalType.DecimalType small && column instanceof LogicalType.DecimalType big) {
      return big.scale() >= small.scale() && big.precision() - big.scale() >= small.precision() - small.scale();
    }
    if (values instanceof LogicalType.VectorType && column instanceof LogicalType.VectorType v) {
      return v.dimension().isEmpty();
    }
    return false;
  }

  /** What an existing destination column needs to take a source column's values. */
  public enum Fit {
    /** Nothing: it holds them as it is (the same type, or a wider one). */
    KEEP,
    /** To be widened to the source's type, which holds every value it holds. */
    WIDEN,
    /** Neither type holds the other's values: refused, never converted. */
    REFUSE
  }

  /**
   * The fit of an existing column for a source column: {@code have} and {@code wanted} are the
   * column's type and the source column's as the destination names them, {@code haveType} the
   * column's type read back (empty when it maps to none), {@code source} the source column's.
   */
  public static Fit fit(String have, String wanted, Optional<LogicalType> haveType, LogicalType source) {
    if (have.equals(wanted) || haveType.isPresent() && holds(haveType.get(), source)) {
      return Fit.KEEP;
    }
    return haveType.isPresent() && holds(source, haveType.get()) ? Fit.WIDEN : Fit.REFUSE;
  }

  /** Decimal digits an integer type needs: SMALLINT 5, INT 10, BIGINT 19; empty for the rest. */
  private static OptionalInt integerDigits(LogicalType type) {
    return switch (type) {
      case LogicalType.ShortType t -> OptionalInt.of(5);
      case LogicalType.IntType t -> OptionalInt.of(10);
      case LogicalType.LongType t -> OptionalInt.of(19);
      default -> OptionalInt.empty();
    };
  }
}
