package io.tidbsync.it.e2e;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestination;
import io.tidbsync.destination.postgres.PostgresConfig;
import io.tidbsync.destination.postgres.PostgresDestination;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.it.servers.PostgresServer;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.state.file.FileStateConfig;
import io.tidbsync.state.file.FileStateStore;
import io.tidbsync.state.file.StateJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second run against state another run holds stops at once, touching nothing, with a message
 * saying so; once the holder ends (or its session dies, as when its process is killed) the next
 * run goes ahead. The holder here is this test's JVM, the runs are the fat jar.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class StateLockEndToEndIT {
  /** The source server this run of the class uses: TiDB, then MariaDB. */
  @Parameter
  String serverName;

  TestServer server() {
    return TestServers.source(serverName);
  }

  UniqueDatabase db;
  PostgresServer postgres;
  String schema;

  @BeforeParameterizedClassInvocation
  void create() {
    db = SeedDatabase.create(server(), "locks");
    postgres = TestServers.postgres();
    schema = postgres.newSchema("locks");
  }

  @AfterParameterizedClassInvocation
  void drop() {
    if (db != null) {
      db.close();
      postgres.dropSchema(schema);
    }
  }

  void configure(Path folder) throws Exception {
    TestServer s = server();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("TIDB_HOST", s.host());
    config.put("TIDB_USER", s.user());
    config.put("TIDB_PASS", s.password());
    config.put("TIDB_PORT", Integer.toString(s.port()));
    config.put("TIDB_DATABASE", db.name());
    config.put("TABLES_PRIMARY_KEY_COLUMNS", "{\"caretakers\":\"id\"}");
    config.put("POSTGRES_URL", postgres.url());
    config.put("POSTGRES_USER", postgres.user());
    config.put("POSTGRES_SCHEMA", schema);
    Files.writeString(folder.resolve("configuration.json"), new ObjectMapper().writeValueAsString(config));
  }

  @Test
  void aRunFindingTheStateFileHeldStopsAndTheNextOneGoesAhead(@TempDir Path folder) throws Exception {
    configure(folder);
    try (StatePort holder = new FileStateStore(new FileStateConfig(folder.resolve("state.json")))) {
      holder.load();
      JarRun blocked = JarRun.run(folder, Map.of(), "sync");
      assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(2);
      assertThat(blocked.stderr()).contains("another sync holds the lock").doesNotContain("\tat ");
      assertThat(folder.resolve("warehouse.duckdb")).as("nothing written").doesNotExist();
      JarRun state = JarRun.run(folder, Map.of(), "state");
      assertThat(state.exitCode()).as("state reads beside a run: " + state).isZero();
    }
    JarRun after = JarRun.run(folder, Map.of(), "sync");
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(after.rowsRead("caretakers")).isEqualTo(100);
  }

  @Test
  void aRunFindingTheDuckDbFileHeldByAnotherProcessStopsAndTheNextOneGoesAhead(@TempDir Path folder)
      throws Exception {
    configure(folder);
    // This JVM holds the DuckDB file open, as a running sync would; DuckDB lets one process in.
    try (DestinationPort holder = new DuckDbDestination(new DuckDbConfig(folder.resolve("warehouse.duckdb"), db.name()));
        StatePort state = holder.stateStore(db.name(), new StateJson()).orElseThrow()) {
      state.load();
      JarRun blocked = JarRun.run(folder, Map.of(), "sync", "--state", "destination");
      assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(2);
      assertThat(blocked.stderr()).contains("another sync holds the lock").contains("another process has the file open");
    }
    JarRun after = JarRun.run(folder, Map.of(), "sync", "--state", "destination");
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(after.rowsRead("caretakers")).isEqualTo(100);
    assertThat(folder.resolve("state.json")).doesNotExist();
  }

  @Test
  void aRunFindingThePostgresStateHeldStopsAndGoesAheadOnceTheHoldersSessionDies(@TempDir Path folder)
      throws Exception {
    configure(folder);
    Map<String, String> env = Map.of("POSTGRES_PASSWORD", postgres.password());
    DestinationPort destination = new PostgresDestination(new PostgresConfig(postgres.url(), postgres.user(),
        new Secret(postgres.password()), schema, 2));
    StatePort holder = destination.stateStore(db.name(), new StateJson()).orElseThrow();
    holder.load();
    JarRun blocked = JarRun.run(folder, env, "sync", "--destination", "postgres", "--state", "destination");
    assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(2);
    assertThat(blocked.stderr()).contains("another sync holds the lock").doesNotContain(postgres.password());
    // The holder "crashes": its lock session is ended by the server, as when a process dies.
    try (Connection c = postgres.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_locks "
            + "WHERE locktype = 'advisory' AND pid <> pg_backend_pid() AND objid = hashtext('tidbsync:" + db.name() + "')::oid")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
    JarRun after = JarRun.run(folder, env, "sync", "--destination", "postgres", "--state", "destination");
    assertThat(after.exitCode()).as(after.toString()).isZero();
    assertThat(after.rowsRead("caretakers")).isEqualTo(100);
    destination.close();
  }
}
