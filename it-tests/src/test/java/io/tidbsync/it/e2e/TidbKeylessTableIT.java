package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TiDB table without a primary key is synced by TiDB's own row id, which lands in the destination
 * as the column {@code _tidb_rowid}: identical rows stay as many rows as the source has, and an
 * update reaches the row it changed.
 */
class TidbKeylessTableIT {
  TestServer server;
  UniqueDatabase db;

  @BeforeEach
  void createTable() {
    server = TestServers.tidb();
    db = new UniqueDatabase(server, "keyless");
    db.execute("CREATE TABLE visits (place VARCHAR(20), created_at DATETIME, KEY (created_at));\n"
        + "INSERT INTO visits VALUES ('park', '2024-01-01'), ('park', '2024-01-01'), ('zoo', '2024-01-02')");
  }

  @AfterEach
  void drop() {
    if (db != null) { // null when the server is missing and the test was skipped
      db.close();
    }
  }

  @Test
  void aTableWithoutKeyIsSyncedByTidbsRowIdAndKeepsItsDuplicates(@TempDir Path folder) throws Exception {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("TIDB_HOST", server.host());
    config.put("TIDB_USER", server.user());
    config.put("TIDB_PORT", Integer.toString(server.port()));
    config.put("TIDB_DATABASE", db.name());
    config.put("LOOKBACK_SECONDS", "0");
    Files.writeString(folder.resolve("configuration.json"), new ObjectMapper().writeValueAsString(config));
    JarRun first = JarRun.run(folder, Map.of("TIDB_PASS", server.password()), "sync");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    List<Map<String, Object>> rows = DuckDbTables.read(folder.resolve("warehouse.duckdb"), db.name(), "visits");
    assertThat(rows).hasSize(3).allSatisfy(r -> assertThat(r).containsKey("_tidb_rowid"));
    assertThat(rows).extracting(r -> r.get("place")).containsExactlyInAnyOrder("park", "park", "zoo");

    db.execute("UPDATE visits SET place = 'museum', created_at = '2024-02-01' WHERE place = 'zoo'");
    JarRun second = JarRun.run(folder, Map.of("TIDB_PASS", server.password()), "sync");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(DuckDbTables.read(folder.resolve("warehouse.duckdb"), db.name(), "visits"))
        .extracting(r -> r.get("place")).containsExactlyInAnyOrder("park", "park", "museum");
  }
}
