package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestination;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.it.e2e.DuckDbTables;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DuckDB's memory limit: a fixed 32MB is too small for 3 million keys and pending data, and fails
 * the write with DuckDB's out-of-memory error and a hint naming the key; the default limit,
 * started at the same 32MB, doubles as the key index grows (past 40% of it) and loads the same rows.
 */
class DuckDbMemoryLimitIT {
  private static final int ROWS = 3_000_000;
  @TempDir Path folder;

  private static TableSchema schema() {
    return new TableSchema(TableId.of("wide"), List.of(
        new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
        new ColumnSpec("note", new LogicalType.StringType(), true, "varchar(100)"),
        new ColumnSpec("created_at", new LogicalType.UtcDateTimeType(), true, "timestamp")),
        List.of("id"), Optional.empty());
  }

  /** Loads ROWS rows in batches of 20,000, as a first sync would. */
  private static void load(DuckDbDestination destination) {
    TableSchema schema = schema();
    destination.prepare(schema);
    Instant at = Instant.parse("2024-01-01T00:00:00Z");
    for (int from = 1; from <= ROWS; from += 20_000) {
      List<Row> batch = new ArrayList<>();
      for (int id = from; id < from + 20_000; id++) {
        batch.add(Row.of((long) id, "a note long enough to take some room, row " + id, at.plusSeconds(id)));
      }
      destination.upsert(schema, batch);
    }
  }

  @Test
  void aFixedLimitTooSmallFailsTheWriteNamingMemory() {
    DuckDbConfig fixed = new DuckDbConfig(folder.resolve("fixed.duckdb"), "s", "32MB", "256MB");
    try (DuckDbDestination destination = new DuckDbDestination(fixed)) {
      assertThatThrownBy(() -> load(destination))
          .isInstanceOf(DestinationException.class)
          .hasMessageContaining("upserting 20000 rows into wide")
          .hasMessageContaining("Out of Memory")
          .hasMessageContaining("DUCKDB_MEMORY_LIMIT");
    }
  }

  @Test
  void theDefaultLimitGrowsAheadOfNeedAndEveryRowLoads() {
    DuckDbConfig growing = new DuckDbConfig(folder.resolve("grow.duckdb"), "s", null, "256MB", "32MB");
    try (DuckDbDestination destination = new DuckDbDestination(growing)) {
      load(destination);
    }
    assertThat(DuckDbTables.read(folder.resolve("grow.duckdb"), "s", "wide")).hasSize(ROWS);
  }
}
