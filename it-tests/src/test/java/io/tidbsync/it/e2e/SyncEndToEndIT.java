package io.tidbsync.it.e2e;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fat jar run as a separate process with the seed's configuration format against a real
 * server; the DuckDB file it writes must equal the source value by value.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class SyncEndToEndIT {
  /** The source server this run of the class uses: TiDB, then MariaDB. */
  @Parameter
  String serverName;

  static final ObjectMapper JSON = new ObjectMapper();

  UniqueDatabase db;

  @BeforeParameterizedClassInvocation
  void createSeedTables() throws IOException {
    db = SeedDatabase.create(server(), "e2e");
  }

  @AfterParameterizedClassInvocation
  void dropDatabase() {
    if (db != null) {
      db.close();
    }
  }

  TestServer server() {
    return TestServers.source(serverName);
  }

  /** The seed's configuration.json shape: every value a string, the maps as JSON in strings. */
  String seedConfiguration(TestServer server, String password, String tablesJson) throws IOException {
    Map<String, String> config = new java.util.LinkedHashMap<>();
    config.put("TIDB_HOST", server.host());
    config.put("TIDB_USER", server.user());
    if (password != null) {
      config.put("TIDB_PASS", password);
    }
    config.put("TIDB_PORT", Integer.toString(server.port()));
    config.put("TIDB_DATABASE", db.name());
    config.put("TABLES_PRIMARY_KEY_COLUMNS", tablesJson);
    config.put("VECTOR_TABLES_DATA",
        "{\"usual_spots\":{\"primary_key_column\":\"id\",\"vector_column\":\"embedding\"}}");
    return JSON.writeValueAsString(config);
  }

  static final String ALL_TABLES =
      "{\"caretakers\":\"id\",\"patients\":\"id\",\"patient_metadata\":\"patient_id,meta_key\"}";

  @Test
  void syncCopiesEveryTableExactlyThenReadsOnlyNewRows(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("configuration.json"), seedConfiguration(server(), server().password(), ALL_TABLES));
    JarRun first = JarRun.run(folder, Map.of(), "sync");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertThat(first.rowsRead("patients")).isEqualTo(3000);
    assertEqual(folder);

    db.execute("""
        INSERT INTO patients VALUES (3001, 1, 'Late', '2000-01-01', 70.5, 'n', '2025-06-01 00:00:00');
        INSERT INTO patients VALUES (3002, 2, 'Later', NULL, NULL, NULL, '2025-06-01 00:00:00');
        INSERT INTO usual_spots VALUES (501, 3001, 'New spot', '[0.5,-0.25,1e-3]', '2025-06-01 00:00:00')
        """);
    JarRun second = JarRun.run(folder, Map.of(), "sync");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    // Only the new rows change anything; the rest of what was read is the look-back window's re-read.
    assertThat(second.rowsRead("patients") - second.rowsUnchanged("patients")).isEqualTo(2);
    assertThat(second.rowsRead("usual_spots") - second.rowsUnchanged("usual_spots")).isEqualTo(1);
    assertThat(second.rowsRead("caretakers") - second.rowsUnchanged("caretakers")).isZero();
    assertThat(second.rowsRead("patient_metadata") - second.rowsUnchanged("patient_metadata")).isZero();
    assertThat(second.rowsUnchanged("patients")).isEqualTo(3000); // all within the one-hour look-back
    assertEqual(folder);

    JsonNode state = JSON.readTree(folder.resolve("state.json").toFile());
    assertThat(state.get("patients_last_created").asText()).isEqualTo("2025-06-01T00:00:00+00:00");
    assertThat(state.at("/tidbsync/tables/patients/key/0").asText()).isEqualTo("3002");
    assertThat(Files.readString(folder.resolve("state.json"))).doesNotContain(server().password());
  }

  /**
   * The launcher lays the jar out on its first start (a copy without DuckDB's libraries, this
   * platform's library beside it) and DuckDB's driver loads the library from there in place, where
   * {@code java -jar} inflates it into a temporary file on every start. The JVM's library log says
   * which file was loaded. The first run also records the class cache the next runs start from.
   */
  @Test
  void theLauncherLaysTheJarOutOnceAndDuckDbLoadsItsLibraryInPlace(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("configuration.json"), seedConfiguration(server(), server().password(), ALL_TABLES));
    Path cache = folder.resolve("cache");
    Map<String, String> env = Map.of("XDG_CACHE_HOME", cache.toString(), "TIDBSYNC_JAVA_OPTS", "-Xlog:library=info");
    JarRun first = JarRun.runLauncher(folder, env, "sync");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Path layout;
    try (var layouts = Files.list(cache.resolve("tidb-sync"))) {
      layout = layouts.filter(p -> p.getFileName().toString().startsWith("jar-")).findFirst().orElseThrow();
    }
    assertThat(layout.resolve("tidb-sync.jar")).isRegularFile();
    assertThat(first.stdout()).contains("Loaded library " + layout.toRealPath() + "/libduckdb_java.so_");
    assertEqual(folder);
    // The first run also recorded the class cache: on Java 25+ an AOT cache, made whole and renamed
    // into place (nothing half-made left beside it), the JVM's report of it kept off both streams.
    boolean aot = Runtime.version().feature() >= 25;
    List<Path> caches;
    try (var files = Files.list(cache.resolve("tidb-sync"))) {
      caches = files.filter(p -> p.getFileName().toString().startsWith("tidb-sync-")).toList();
    }
    assertThat(caches).as("class caches after the first run").singleElement()
        .satisfies(p -> assertThat(p.getFileName().toString()).endsWith(aot ? "-sync.aot" : "-sync.jsa"));
    assertThat(first.stdout()).doesNotContain("AOTConfiguration");
    assertThat(first.stderr()).doesNotContain("AOTConfiguration");
    // Standard error holds tidb-sync's own lines, not a library's set-up chatter.
    assertThat(first.stderr()).doesNotContain("AllocationManager").doesNotContain("BaseAllocator");
    // The first run had no length of its own to go on: both JIT compilers. An AOT recording run is
    // not counted as the command line's length.
    assertThat(runLengths(cache)).as("run lengths after the first run").hasSize(aot ? 0 : 1);

    Map<String, String> logCache = new java.util.HashMap<>(env);
    logCache.put("TIDBSYNC_JAVA_OPTS", "-Xlog:library=info -XX:+PrintCommandLineFlags" + (aot ? " -Xlog:aot=info" : ""));
    JarRun second = JarRun.runLauncher(folder, logCache, "sync");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.stdout()).contains("Loaded library " + layout.toRealPath() + "/libduckdb_java.so_");
    if (aot) {
      assertThat(second.stdout()).contains("Opened AOT cache " + caches.get(0)).doesNotContain("[error");
      assertThat(second.stdout()).doesNotContain("-XX:TieredStopAtLevel=1");
    }
    assertEqual(folder);
    // A sync of a few seconds is short: the next one of the same command line runs with C1 alone.
    assertThat(runLengths(cache)).singleElement().satisfies(p -> assertThat(Files.readString(p)).isEqualTo("short\n"));

    Map<String, String> asItIs = new java.util.HashMap<>(env);
    asItIs.put("TIDBSYNC_LAYOUT", "0");
    asItIs.put("TIDBSYNC_JAVA_OPTS", "-Xlog:library=info -XX:+PrintCommandLineFlags");
    JarRun without = JarRun.runLauncher(folder, asItIs, "sync");
    assertThat(without.exitCode()).as(without.toString()).isZero();
    assertThat(without.stdout()).doesNotContain(layout.toString()).containsPattern("Loaded library \\S*libduckdb_java\\d+\\.so");
    assertThat(without.stdout()).contains("-XX:TieredStopAtLevel=1");

    // After a reset the next sync reads from the start: its length is unknown again.
    JarRun reset = JarRun.runLauncher(folder, env, "reset", "--all");
    assertThat(reset.exitCode()).as(reset.toString()).isZero();
    assertThat(runLengths(cache)).as("run lengths after a reset").isEmpty();

    JarRun badJit = JarRun.runLauncher(folder, Map.of("XDG_CACHE_HOME", cache.toString(), "TIDBSYNC_JIT", "fast"), "sync");
    assertThat(badJit.exitCode()).isEqualTo(3);
    assertThat(badJit.stderr()).contains("TIDBSYNC_JIT must be auto, c1 or tiered, not 'fast'");
  }

  private static List<Path> runLengths(Path cache) throws java.io.IOException {
    try (var files = Files.list(cache.resolve("tidb-sync"))) {
      return files.filter(p -> p.getFileName().toString().startsWith("run-")).toList();
    }
  }

  /**
   * With PARALLELISM 2 and a tiny SPLIT_ROWS, the first sync reads patients as key ranges: it copies
   * the same rows, then a cursor scan re-reads the rows at the greatest cursor value (the ranged
   * path's mark: a plain cursor scan reads each row once) and leaves the position at the last row,
   * so the next run reads nothing new.
   */
  @Test
  void aFirstSyncReadInKeyRangesCopiesTheSameRowsAndTheNextRunIsIncremental(@TempDir Path folder) throws Exception {
    Map<String, String> config = JSON.readValue(seedConfiguration(server(), server().password(), ALL_TABLES),
        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {});
    config.put("SPLIT_ROWS", "400");
    config.put("PARALLELISM", "2");
    config.put("LOOKBACK_SECONDS", "0");
    Files.writeString(folder.resolve("configuration.json"), JSON.writeValueAsString(config));
    db.execute("ANALYZE TABLE patients");

    JarRun first = JarRun.run(folder, Map.of(), "sync");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    assertEqual(folder);
    assertThat(first.rowsRead("patients")).isGreaterThan(3000);
    assertThat(first.rowsRead("patients") - first.rowsUnchanged("patients")).isEqualTo(3000);
    JsonNode state = JSON.readTree(folder.resolve("state.json").toFile());
    assertThat(state.at("/tidbsync/tables/patients/first_sync").isMissingNode()).isTrue();
    String maxCreated;
    try (var c = db.connect(); var st = c.createStatement();
        var rs = st.executeQuery("SELECT DATE_FORMAT(MAX(created_at), '%Y-%m-%dT%H:%i:%s.%f') FROM patients")) {
      rs.next();
      maxCreated = rs.getString(1);
    }
    assertThat(state.at("/tidbsync/tables/patients/cursor").asText()).isEqualTo(maxCreated);

    JarRun second = JarRun.run(folder, Map.of(), "sync");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(second.rowsRead("patients")).as("nothing new since the first run").isZero();
    assertEqual(folder);
  }

  private void assertEqual(Path folder) throws Exception {
    TableComparison.assertLiveRowsEqualSource(db, folder.resolve("warehouse.duckdb"));
    // Only the user's data: no staging tables left for BI tools to show.
    assertThat(DuckDbTables.tableNames(folder.resolve("warehouse.duckdb"), "_tidbsync_staging")).isEmpty();
  }

  /** The dry run writes nothing; --tables and --exclude choose tables for one run, and a typo is an error. */
  @Test
  void planWritesNothingAndTablesCanBeChosenOnTheCommandLine(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("configuration.json"), seedConfiguration(server(), server().password(), ALL_TABLES));
    JarRun plan = JarRun.run(folder, Map.of(), "plan");
    assertThat(plan.exitCode()).as(plan.toString()).isZero();
    assertThat(plan.stdout()).contains("patients: first sync: copied whole").contains("nothing was written");
    assertThat(folder.resolve("warehouse.duckdb")).doesNotExist();
    assertThat(folder.resolve("state.json")).doesNotExist();

    JarRun typo = JarRun.run(folder, Map.of(), "sync", "--tables", "patient");
    assertThat(typo.exitCode()).as(typo.toString()).isEqualTo(2);
    assertThat(typo.stderr()).contains("--tables names table patient").contains("did you mean patients?");

    JarRun some = JarRun.run(folder, Map.of(), "sync", "--tables", "patients,caretakers", "--exclude", "caretakers");
    assertThat(some.exitCode()).as(some.toString()).isZero();
    assertThat(some.rowsRead("patients")).isEqualTo(3000);
    assertThat(some.stdout()).doesNotContain("caretakers").doesNotContain("usual_spots");
    JarRun planAfter = JarRun.run(folder, Map.of(), "plan");
    assertThat(planAfter.stdout()).contains("patients: incremental: rows after created_at = ")
        .contains("caretakers: first sync");
  }

  @Test
  void aTableWithoutCreatedAtFailsAloneAndIsMarkedInState(@TempDir Path folder) throws Exception {
    db.execute("CREATE TABLE IF NOT EXISTS no_cursor (id INT PRIMARY KEY, v INT);\nINSERT IGNORE INTO no_cursor VALUES (1, 1)");
    Files.writeString(folder.resolve("configuration.json"), seedConfiguration(server(), server().password(),
        "{\"no_cursor\":\"id\",\"caretakers\":\"id\"}"));
    JarRun run = JarRun.run(folder, Map.of(), "sync");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    JsonNode state = JSON.readTree(folder.resolve("state.json").toFile());
    assertThat(state.get("no_cursor_last_error").asText()).contains("created_at").contains("CURSOR_COLUMN");
    assertThat(state.has("caretakers_last_created")).isTrue();
    assertThat(run.rowsRead("caretakers")).isEqualTo(100);
  }

  @Test
  void anUnreachableHostExitsWithThreeAndRecordsTheConnectionError(@TempDir Path folder) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TestServer nowhere = new TestServer("nowhere", "127.0.0.1", closedPort, "u", "secret-pw-123");
    Files.writeString(folder.resolve("configuration.json"), seedConfiguration(nowhere, nowhere.password(), ALL_TABLES));
    JarRun run = JarRun.run(folder, Map.of(), "sync");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
    assertThat(run.stdout()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(run.stderr()).doesNotContain("\tat ").doesNotContain("secret-pw-123");
    JsonNode state = JSON.readTree(folder.resolve("state.json").toFile());
    assertThat(state.get("last_connection_error").asText()).contains("127.0.0.1:" + closedPort).contains("TIDB_HOST");
    assertThat(Files.readString(folder.resolve("state.json"))).doesNotContain("secret-pw-123");
  }

  @Test
  void aMalformedTableMapExitsWithTwoNamingTheKey(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("configuration.json"),
        seedConfiguration(server(), server().password(), "{\"patients\": id}"));
    JarRun run = JarRun.run(folder, Map.of(), "sync");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr()).contains("TABLES_PRIMARY_KEY_COLUMNS").doesNotContain("\tat ");
    assertThat(folder.resolve("state.json")).doesNotExist();
  }

  @Test
  void thePasswordMayComeFromTheEnvironmentAndNeverShows(@TempDir Path folder) throws Exception {
    Files.writeString(folder.resolve("configuration.json"), seedConfiguration(server(), null, "{\"caretakers\":\"id\"}"));
    JarRun run = JarRun.run(folder, Map.of("TIDB_PASS", server().password()), "sync", "--log-level", "DEBUG");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdout() + run.stderr()).doesNotContain(server().password());
    JarRun check = JarRun.run(folder, Map.of("TIDB_PASS", server().password()), "check");
    assertThat(check.exitCode()).as(check.toString()).isZero();
    assertThat(check.stdout()).contains("caretakers").contains("key (id)");
    if (server().isTidb()) {
      assertThat(check.stdout()).contains("server: 8.0.11-TiDB-v").contains("every read of a run is at one snapshot")
          .contains("kept 10 min (tidb_gc_life_time)").contains("up to 24 h (tidb_gc_max_wait_time)");
    } else {
      assertThat(check.stdout()).contains("MariaDB").contains("snapshot reads: not available on this server");
    }
    JarRun schema = JarRun.run(folder, Map.of("TIDB_PASS", server().password()), "schema");
    assertThat(schema.exitCode()).as(schema.toString()).isZero();
    assertThat(schema.stdout()).contains("hourly_rate").contains("DECIMAL(8,2)").contains("UTC_DATETIME");
    JarRun state = JarRun.run(folder, Map.of("TIDB_PASS", server().password()), "state");
    assertThat(state.exitCode()).as(state.toString()).isZero();
    assertThat(state.stdout()).contains("caretakers:\n  goes on after created_at = ").doesNotContain(server().password());
    JarRun raw = JarRun.run(folder, Map.of("TIDB_PASS", server().password()), "state", "--json");
    assertThat(raw.stdout()).contains("\"caretakers_last_created\"").doesNotContain(server().password());
    // The same configuration in another folder: its state file is looked for beside it, and is not there.
    Path elsewhere = Files.createDirectories(folder.resolve("elsewhere"));
    Files.copy(folder.resolve("configuration.json"), elsewhere.resolve("configuration.json"));
    JarRun none = JarRun.run(folder, Map.of("TIDB_PASS", server().password()), "state", "--config",
        elsewhere.resolve("configuration.json").toString());
    assertThat(none.exitCode()).as(none.toString()).isZero();
    assertThat(none.stdout()).contains("no state file at " + elsewhere.toAbsolutePath().resolve("state.json"));
  }
}
