package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.it.servers.UniqueDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Asserts that the live rows of DuckDB tables equal their source tables, value by value. */
final class TableComparison {
  static final Map<String, String> SEED_KEYS = Map.of(
      "caretakers", "id", "patients", "id", "patient_metadata", "patient_id", "usual_spots", "id");

  private TableComparison() {}

  static void assertLiveRowsEqualSource(UniqueDatabase db, Path duckDbFile) throws Exception {
    try (Connection c = db.connect()) {
      for (Map.Entry<String, String> table : SEED_KEYS.entrySet()) {
        Set<String> vectors = table.getKey().equals("usual_spots") ? Set.of("embedding") : Set.of();
        List<Map<String, String>> source = SourceTables.source(c, table.getKey(), table.getValue(), vectors);
        List<Map<String, Object>> all = DuckDbTables.read(duckDbFile, db.name(), table.getKey());
        List<Map<String, String>> live = SourceTables.destination(
            all.stream().filter(r -> !Boolean.TRUE.equals(r.get("_fivetran_deleted"))).toList());
        assertThat(live).as(table.getKey()).hasSameSizeAs(source);
        assertThat(live).as(table.getKey()).containsExactlyElementsOf(source);
      }
    }
  }
}
