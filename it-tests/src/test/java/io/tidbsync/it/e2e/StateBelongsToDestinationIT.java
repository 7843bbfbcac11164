package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A saved position is used only against the destination table that received its rows: deleting
 * the DuckDB file, renaming a table, or switching destinations in one folder makes the next sync
 * copy those tables again, and the copy equals the source. {@code reset} copies named tables
 * again, and a column added at the source reaches the rows already copied.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class StateBelongsToDestinationIT {
  @Parameter
  String serverName;
  UniqueDatabase db;
  @TempDir
  Path folder;

  @BeforeEach
  void createTables() throws Exception {
    db = SeedDatabase.create(TestServers.source(serverName), "owned");
    TestServer server = TestServers.source(serverName);
    Map<String, String> config = new LinkedHashMap<>();
    config.put("TIDB_HOST", server.host());
    config.put("TIDB_USER", server.user());
    config.put("TIDB_PORT", Integer.toString(server.port()));
    config.put("TIDB_DATABASE", db.name());
    config.put("TABLES_PRIMARY_KEY_COLUMNS",
        "{\"caretakers\":\"id\",\"patients\":\"id\",\"patient_metadata\":\"patient_id,meta_key\",\"usual_spots\":\"id\"}");
    config.put("VECTOR_TABLES_DATA", "{\"usual_spots\":{\"primary_key_column\":\"id\",\"vector_column\":\"embedding\"}}");
    config.put("LOOKBACK_SECONDS", "0");
    Files.writeString(folder.resolve("configuration.json"), new ObjectMapper().writeValueAsString(config));
  }

  @AfterEach
  void drop() {
    db.close();
  }

  JarRun sync(String... extra) {
    String[] args = new String[extra.length + 1];
    args[0] = "sync";
    System.arraycopy(extra, 0, args, 1, extra.length);
    JarRun run = JarRun.run(folder, Map.of("TIDB_PASS", TestServers.source(serverName).password()), args);
    assertThat(run.exitCode()).as(run.toString()).isZero();
    return run;
  }

  void assertEqualToSource() throws Exception {
    TableComparison.assertLiveRowsEqualSource(db, folder.resolve("warehouse.duckdb"));
  }

  @Test
  void aDeletedDuckDbFileWithItsStateKeptIsCopiedAgainWhole() throws Exception {
    sync();
    Files.delete(folder.resolve("warehouse.duckdb"));
    JarRun again = sync();
    assertThat(again.rowsRead("patients")).isEqualTo(3000);
    assertThat(again.stdout()).contains("patients: copied again from the start");
    assertEqualToSource();
  }

  @Test
  void aRenamedDestinationTableIsCopiedAgainIntoANewOne() throws Exception {
    sync();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + folder.resolve("warehouse.duckdb"));
        Statement st = duck.createStatement()) {
      st.execute("ALTER TABLE \"" + db.name() + "\".patients RENAME TO patients_old");
    }
    JarRun again = sync();
    assertThat(again.rowsRead("patients")).isEqualTo(3000);
    assertThat(again.rowsRead("caretakers")).isZero();
    assertEqualToSource();
  }

  @Test
  void jsonLinesThenDuckDbInOneFolderCopiesEverythingIntoEach() throws Exception {
    sync("--destination", "jsonlines");
    JarRun duck = sync();
    assertThat(duck.rowsRead("patients")).isEqualTo(3000);
    assertEqualToSource();
    JarRun lines = sync("--destination", "jsonlines");
    assertThat(lines.rowsRead("patients")).as("back to the other destination: its own tables again").isEqualTo(3000);
  }

  @Test
  void resetCopiesTheNamedTablesAgainAndAnAddedColumnReachesOldRows() throws Exception {
    sync();
    JarRun reset = JarRun.run(folder, Map.of("TIDB_PASS", TestServers.source(serverName).password()), "reset", "patients", "caretaker");
    assertThat(reset.exitCode()).as(reset.toString()).isEqualTo(2);
    assertThat(reset.stderr()).contains("caretaker").contains("did you mean caretakers?");
    reset = JarRun.run(folder, Map.of("TIDB_PASS", TestServers.source(serverName).password()), "reset", "patients");
    assertThat(reset.exitCode()).as(reset.toString()).isZero();
    JarRun again = sync();
    assertThat(again.rowsRead("patients")).isEqualTo(3000);
    assertThat(again.rowsRead("caretakers")).isZero();

    db.execute("ALTER TABLE caretakers ADD COLUMN tier VARCHAR(10) DEFAULT 'basic' NOT NULL");
    JarRun grown = sync();
    assertThat(grown.rowsRead("caretakers")).isEqualTo(100);
    assertThat(grown.stdout()).contains("caretakers: columns added: tier")
        .contains("caretakers: copied again from the start");
    assertThat(DuckDbTables.read(folder.resolve("warehouse.duckdb"), db.name(), "caretakers"))
        .allSatisfy(row -> assertThat(row.get("tier")).isEqualTo("basic"));
  }
}
