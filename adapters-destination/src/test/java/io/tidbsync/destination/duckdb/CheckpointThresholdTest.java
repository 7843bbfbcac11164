package io.tidbsync.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The automatic checkpoint threshold tells wide vector rows from narrow ones. */
class CheckpointThresholdTest {
  private static TableSchema table(LogicalType... types) {
    List<ColumnSpec> columns = new java.util.ArrayList<>();
    columns.add(new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"));
    for (int i = 0; i < types.length; i++) {
      columns.add(new ColumnSpec("c" + i, types[i], true, "x"));
    }
    return new TableSchema(TableId.of("t"), columns, List.of("id"), Optional.empty());
  }

  @Test
  void narrowRowsKeepTheSmallestThresholdAndVectorRowsGetAboutARowGroupsWorth() {
    long narrow = DuckDbMemory.estimatedRowBytes(table(new LogicalType.StringType(),
        new LogicalType.DecimalType(12, 2), new LogicalType.DoubleType(), new LogicalType.JsonType(),
        new LogicalType.UtcDateTimeType()));
    assertThat(DuckDbConfig.autoCheckpointBytes(narrow)).isEqualTo(DuckDbConfig.MIN_AUTO_CHECKPOINT_BYTES);

    long vectors = DuckDbMemory.estimatedRowBytes(table(new LogicalType.StringType(),
        LogicalType.VectorType.of(768)));
    assertThat(DuckDbConfig.autoCheckpointBytes(vectors)).isBetween(240L << 20, 280L << 20);
    assertThat(DuckDbConfig.autoCheckpointBytes(100_000)).isEqualTo(1L << 30);
  }
}
