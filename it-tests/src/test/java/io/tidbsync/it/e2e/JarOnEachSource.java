package io.tidbsync.it.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;

/**
 * What the jar-run suites parameterized over the source servers share: the server of this run,
 * a database of its own for each test, a folder for the configuration, state and DuckDB file, and
 * a configuration naming that database. Subclasses carry {@code @ParameterizedClass} and
 * {@code @FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")}.
 */
abstract class JarOnEachSource {
  @Parameter
  String serverName;
  TestServer server;
  UniqueDatabase db;
  @TempDir
  Path folder;

  /** The prefix of each test's database name. */
  abstract String databasePrefix();

  @BeforeEach
  void createDatabase() throws Exception {
    server = TestServers.source(serverName);
    db = new UniqueDatabase(server, databasePrefix());
  }

  @AfterEach
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  /** The source keys for this test's database; the password comes from the environment. */
  Map<String, String> config() {
    Map<String, String> config = new LinkedHashMap<>();
    config.put("TIDB_HOST", server.host());
    config.put("TIDB_USER", server.user());
    config.put("TIDB_PORT", Integer.toString(server.port()));
    config.put("TIDB_DATABASE", db.name());
    return config;
  }

  void writeConfiguration(Map<String, String> config) throws IOException {
    Files.writeString(folder.resolve("configuration.json"), new ObjectMapper().writeValueAsString(config));
  }

  /** Runs the jar in the folder, with the configuration written there, the password in TIDB_PASS. */
  JarRun run(Map<String, String> config, String... args) throws IOException {
    writeConfiguration(config);
    return JarRun.run(folder, Map.of("TIDB_PASS", server.password()), args);
  }
}
