package io.tidbsync.it.e2e;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.tidbsync.it.servers.PostgresServer;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One source, the fat jar, every destination: DuckDB and PostgreSQL each keeping the state in
 * their own database, JSON lines keeping it in a MariaDB state table. Each must hold exactly the
 * source's rows, before and after an incremental run, and the state must be where it was told.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class DestinationsEndToEndIT {
  /** The source server this run of the class uses: TiDB, then MariaDB. */
  @Parameter
  String serverName;

  TestServer server() {
    return TestServers.source(serverName);
  }

  static final ObjectMapper JSON = new ObjectMapper();
  static final ObjectMapper SORTED = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  UniqueDatabase db;
  UniqueDatabase stateDb;
  PostgresServer postgres;
  String pgSchema;

  @BeforeParameterizedClassInvocation
  void createSource() {
    db = SeedDatabase.create(server(), "dests");
    stateDb = new UniqueDatabase(server(), "dests_state");
    postgres = TestServers.postgres();
    pgSchema = postgres.newSchema("dests");
  }

  @AfterParameterizedClassInvocation
  void drop() {
    if (db != null) {
      db.close();
      stateDb.close();
      postgres.dropSchema(pgSchema);
    }
  }

  void writeConfiguration(Path folder) throws IOException {
    TestServer s = server();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("TIDB_HOST", s.host());
    config.put("TIDB_USER", s.user());
    config.put("TIDB_PORT", Integer.toString(s.port()));
    config.put("TIDB_DATABASE", db.name());
    config.put("TABLES_PRIMARY_KEY_COLUMNS", SyncEndToEndIT.ALL_TABLES);
    config.put("VECTOR_TABLES_DATA", "{\"usual_spots\":{\"primary_key_column\":\"id\",\"vector_column\":\"embedding\"}}");
    config.put("POSTGRES_URL", postgres.url());
    config.put("POSTGRES_USER", postgres.user());
    config.put("POSTGRES_SCHEMA", pgSchema);
    config.put("STATE_JDBC_URL", "jdbc:mysql://" + s.host() + ":" + s.port() + "/" + stateDb.name());
    config.put("STATE_JDBC_USER", s.user());
    Files.writeString(folder.resolve("configuration.json"), JSON.writeValueAsString(config));
  }

  Map<String, String> secrets() {
    return Map.of("TIDB_PASS", server().password(), "POSTGRES_PASSWORD", postgres.password(),
        "STATE_JDBC_PASSWORD", server().password());
  }

  JarRun sync(Path folder, String destination, String state) {
    JarRun run = JarRun.run(folder, secrets(), "sync", "--destination", destination, "--state", state);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout() + run.stderr()).doesNotContain(postgres.password()).doesNotContain(server().password());
    return run;
  }

  @Test
  void theSameSourceLandsIdenticallyInEveryDestinationAndTheStateWhereItWasTold(@TempDir Path folder) throws Exception {
    writeConfiguration(folder);
    sync(folder, "duckdb", "destination");
    sync(folder, "postgres", "destination");
    sync(folder, "jsonlines", "jdbc");
    assertEveryDestinationEqualsTheSource(folder);
    assertThat(folder.resolve("state.json")).as("no run used the state file").doesNotExist();
    assertThat(stateRows("jdbc:mysql")).as("MariaDB state table").isEqualTo(1);

    db.execute("""
        INSERT INTO patients VALUES (3001, 1, 'Late', '2000-01-01', 70.5, 'n', '2025-06-01 00:00:00');
        INSERT INTO patients VALUES (3002, 2, 'Later', NULL, NULL, NULL, '2025-06-01 00:00:00');
        INSERT INTO usual_spots VALUES (501, 3001, 'New spot', '[0.5,-0.25,1e-3]', '2025-06-01 00:00:00')
        """);
    for (String[] run : new String[][] {{"duckdb", "destination"}, {"postgres", "destination"}, {"jsonlines", "jdbc"}}) {
      JarRun second = sync(folder, run[0], run[1]);
      if (run[0].equals("jsonlines")) {
        // Append-only: the look-back window's re-read rows are appended again (consumers upsert by key).
        assertThat(second.rowsUnchanged("patients")).isZero();
        assertThat(second.rowsRead("patients")).isEqualTo(3002);
        continue;
      }
      assertThat(second.rowsRead("patients") - second.rowsUnchanged("patients")).as(run[0]).isEqualTo(2);
      assertThat(second.rowsRead("usual_spots") - second.rowsUnchanged("usual_spots")).as(run[0]).isEqualTo(1);
    }
    assertEveryDestinationEqualsTheSource(folder);
    assertThat(stateRows("jdbc:postgresql")).as("PostgreSQL destination's state table").isEqualTo(1);
  }

  @Test
  void aPostgresDestinationThatIsDownOrRefusesTheLoginStopsTheRunAtOnceWithExitFour(@TempDir Path folder)
      throws Exception {
    writeConfiguration(folder);
    int closed;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    Map<String, Object> config = JSON.readValue(folder.resolve("configuration.json").toFile(), Map.class);
    config.put("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/postgres");
    Files.writeString(folder.resolve("configuration.json"), JSON.writeValueAsString(config));
    for (String state : new String[] {"file", "destination"}) {
      long started = System.nanoTime();
      JarRun down = JarRun.run(folder, secrets(), "sync", "--destination", "postgres", "--state", state);
      assertThat(down.exitCode()).as(down.toString()).isEqualTo(4);
      assertThat(down.stdout() + down.stderr()).contains("PostgreSQL at").contains("POSTGRES_URL")
          .doesNotContain("\tat ");
      // One attempt of at most the connect timeout, not one retried attempt per table.
      assertThat(System.nanoTime() - started).as(state).isLessThan(60_000_000_000L);
    }

    writeConfiguration(folder);
    Map<String, String> wrongPassword = new java.util.HashMap<>(secrets());
    wrongPassword.put("POSTGRES_PASSWORD", "not-the-password-4411");
    JarRun refused = JarRun.run(folder, wrongPassword, "sync", "--destination", "postgres", "--state", "file");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
    assertThat(refused.stdout() + refused.stderr()).contains("POSTGRES_USER and POSTGRES_PASSWORD")
        .contains("password authentication failed").doesNotContain("not-the-password-4411");
  }

  private long stateRows(String where) throws Exception {
    if (where.equals("jdbc:mysql")) {
      try (Connection c = stateDb.connect(); Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT count(*) FROM _tidbsync_state WHERE name = '" + db.name() + "'")) {
        rs.next();
        return rs.getLong(1);
      }
    }
    try (Connection c = postgres.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM \"" + pgSchema + "\"._tidbsync_state WHERE name = '"
            + db.name() + "' AND state LIKE '%patients_last_created%'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private void assertEveryDestinationEqualsTheSource(Path folder) throws Exception {
    Map<String, Function<String, List<Map<String, Object>>>> destinations = new LinkedHashMap<>();
    destinations.put("duckdb", table -> DuckDbTables.read(folder.resolve("warehouse.duckdb"), db.name(), table));
    destinations.put("postgres", table -> PostgresTables.read(postgres, pgSchema, table));
    destinations.put("jsonlines", table -> JsonLinesTables.read(folder.resolve("jsonlines").resolve(table)));
    try (Connection c = db.connect()) {
      for (Map.Entry<String, String> table : TableComparison.SEED_KEYS.entrySet()) {
        Set<String> vectors = table.getKey().equals("usual_spots") ? Set.of("embedding") : Set.of();
        List<Map<String, String>> source = semantic(SourceTables.source(c, table.getKey(), table.getValue(), vectors));
        for (var destination : destinations.entrySet()) {
          List<Map<String, String>> rows = semantic(SourceTables.destination(destination.getValue().apply(table.getKey())));
          assertThat(rows).as(destination.getKey() + " " + table.getKey()).hasSameSizeAs(source);
          assertThat(rows).as(destination.getKey() + " " + table.getKey()).containsExactlyElementsOf(source);
        }
      }
    }
  }

  /** JSON documents compared as JSON: PostgreSQL's jsonb reorders keys and respaces. */
  private static List<Map<String, String>> semantic(List<Map<String, String>> rows) {
    return rows.stream().map(row -> {
      Map<String, String> out = new LinkedHashMap<>();
      row.forEach((k, v) -> out.put(k, v.startsWith("{") ? sortedJson(v) : v));
      return out;
    }).toList();
  }

  private static String sortedJson(String text) {
    try {
      return SORTED.writeValueAsString(SORTED.readValue(text, Object.class));
    } catch (IOException e) {
      return text;
    }
  }
}
