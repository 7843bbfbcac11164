package io.tidbsync.domain.normalize;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw source rows into exact, destination-ready values: integers range-checked, decimals
 * exact at their scale (never through double), dates and date-times as {@code java.time} values
 * with microseconds kept, TIMESTAMPs as UTC instants, naive DATETIMEs kept naive or taken as UTC
 * per {@link DateTimePolicy}, vectors as checked float arrays, JSON as its text, binary as bytes,
 * zero dates as NULL (counted).
 */
public final class RowNormalizer {
  private final DateTimePolicy dateTimePolicy;

  public RowNormalizer(DateTimePolicy dateTimePolicy) {
    this.dateTimePolicy = requireNonNull(dateTimePolicy, "dateTimePolicy is null");
  }

  /** The schema rows have after normalization (naive date-times become UTC under ASSUME_UTC). */
  public TableSchema outputSchema(TableSchema source) {
    List<ColumnSpec> columns = new ArrayList<>(source.columns().size());
    for (ColumnSpec column : source.columns()) {
      columns.add(column.withType(outputType(column.type())));
    }
    return source.withColumns(columns);
  }

  private LogicalType outputType(LogicalType type) {
    if (type instanceof LogicalType.NaiveDateTimeType && dateTimePolicy == DateTimePolicy.ASSUME_UTC) {
      return new LogicalType.UtcDateTimeType();
    }
    return type;
  }

  /** A normalizer bound to one table's columns; cheap to use per row. */
  public TableNormalizer forTable(TableSchema source) {
    int size = source.columns().size();
    ValueConverter[] converters = new ValueConverter[size];
    String[] names = new String[size];
    for (int i = 0; i < size; i++) {
      ColumnSpec column = source.columns().get(i);
      names[i] = column.name();
      ValueConverter canonical = Converters.forType(column.type());
      LogicalType out = outputType(column.type());
      converters[i] = out.equals(column.type()) ? canonical : toUtc(canonical);
    }
    ValueConverter[] canonicalOnly = new ValueConverter[size];
    for (int i = 0; i < size; i++) {
      canonicalOnly[i] = Converters.forType(source.columns().get(i).type());
    }
    return new TableNormalizer(names, converters, canonicalOnly);
  }

  private static ValueConverter toUtc(ValueConverter canonical) {
    return (raw, stats) -> {
      Object value = canonical.convert(raw, stats);
      return value == null ? null : ((java.time.LocalDateTime) value).toInstant(java.time.ZoneOffset.UTC);
    };
  }
}
