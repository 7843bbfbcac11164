package io.tidbsync.destination.fivetran;

import fivetran_sdk.v2.Column;
import fivetran_sdk.v2.DataType;
import fivetran_sdk.v2.DataTypeParams;
import fivetran_sdk.v2.DecimalParams;
import fivetran_sdk.v2.Table;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableSchema;

/**
 * Fivetran column types for tidb-sync's logical types. Decimals wider than the protocol allows
 * (precision 38) never get here: the normalizer already makes them exact STRING text. Vectors go
 * out as JSON arrays of numbers, the seed's choice.
 */
public final class FivetranTypes {
  public static final int MAX_PRECISION = 38;
  public static final int MAX_SCALE = 37;

  private FivetranTypes() {}

  public static DataType of(LogicalType type) {
    return switch (type) {
      case LogicalType.BooleanType t -> DataType.BOOLEAN;
      case LogicalType.ShortType t -> DataType.SHORT;
      case LogicalType.IntType t -> DataType.INT;
      case LogicalType.LongType t -> DataType.LONG;
      case LogicalType.DecimalType t -> DataType.DECIMAL;
      case LogicalType.FloatType t -> DataType.FLOAT;
      case LogicalType.DoubleType t -> DataType.DOUBLE;
      case LogicalType.NaiveDateType t -> DataType.NAIVE_DATE;
      case LogicalType.NaiveDateTimeType t -> DataType.NAIVE_DATETIME;
      case LogicalType.UtcDateTimeType t -> DataType.UTC_DATETIME;
      case LogicalType.BinaryType t -> DataType.BINARY;
      case LogicalType.StringType t -> DataType.STRING;
      case LogicalType.JsonType t -> DataType.JSON;
      case LogicalType.VectorType t -> DataType.JSON;
    };
  }

  public static Column column(ColumnSpec spec, boolean primaryKey) {
    Column.Builder column = Column.newBuilder().setName(spec.name()).setType(of(spec.type())).setPrimaryKey(primaryKey);
    if (spec.type() instanceof LogicalType.DecimalType d) {
      if (d.precision() > MAX_PRECISION || d.scale() > MAX_SCALE) {
        throw new IllegalArgumentException("column " + spec.name() + ": DECIMAL(" + d.precision() + "," + d.scale()
            + ") is wider than Fivetran's DECIMAL(38,37); it should have been synced as text");
      }
      column.setParams(DataTypeParams.newBuilder()
          .setDecimal(DecimalParams.newBuilder().setPrecision(d.precision()).setScale(d.scale())));
    }
    return column.build();
  }

  /** The table as Fivetran declares it: columns in order, key columns marked. */
  public static Table table(TableSchema schema) {
    Table.Builder table = Table.newBuilder().setName(schema.table().name());
    for (ColumnSpec column : schema.columns()) {
      table.addColumns(column(column, schema.primaryKey().contains(column.name())));
    }
    return table.build();
  }
}
