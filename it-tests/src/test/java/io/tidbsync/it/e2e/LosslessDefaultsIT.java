package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.it.servers.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * No row left behind and no value changed by default, through the fat jar on both servers: tables
 * without a primary key, keys named in the configuration that are not unique or hold NULLs,
 * TINYINT(1) values, NULL cursors, and a DuckDB file that holds a table tidb-sync did not make.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class LosslessDefaultsIT extends JarOnEachSource {
  @Override
  String databasePrefix() {
    return "lossless";
  }

  /** The test database's configuration without look-back, plus {@code extra}. */
  @Override
  JarRun run(Map<String, String> extra, String... args) throws java.io.IOException {
    Map<String, String> config = config();
    config.put("LOOKBACK_SECONDS", "0");
    config.putAll(extra);
    return super.run(config, args);
  }

  List<Map<String, Object>> live(String table) {
    return DuckDbTables.read(folder.resolve("warehouse.duckdb"), db.name(), table).stream()
        .filter(r -> !Boolean.TRUE.equals(r.get("_fivetran_deleted"))).toList();
  }

  @Test
  void aTableWithoutKeyKeepsItsDuplicatesAndFollowsUpdatesAndDeletes() throws Exception {
    db.execute("CREATE TABLE visits (place VARCHAR(20), n INT, created_at DATETIME);\n"
        + "INSERT INTO visits VALUES ('park', 1, '2024-01-01'), ('park', 1, '2024-01-01'), ('zoo', 2, '2024-01-02')");
    JarRun first = run(Map.of(), "sync");
    assertThat(first.exitCode()).as(first.toString()).isZero();
    String key = server.isTidb() ? "_tidb_rowid" : "_fivetran_id";
    assertThat(live("visits")).hasSize(3).allSatisfy(r -> assertThat(r).containsKey(key));
    assertThat(live("visits")).extracting(r -> r.get("place")).containsExactlyInAnyOrder("park", "park", "zoo");

    db.execute("UPDATE visits SET n = 5, created_at = '2024-02-01' WHERE place = 'zoo';\n"
        + "DELETE FROM visits WHERE place = 'park' LIMIT 1;\nINSERT INTO visits VALUES ('lake', 3, '2024-02-02')");
    JarRun second = run(Map.of("DELETE_DETECTION", "all"), "sync");
    assertThat(second.exitCode()).as(second.toString()).isZero();
    assertThat(live("visits")).extracting(r -> r.get("place") + ":" + r.get("n"))
        .containsExactlyInAnyOrder("park:1", "zoo:5", "lake:3");
  }

  @Test
  void aUniqueIndexOfNotNullColumnsIsTheKeyOfATableWithoutPrimaryKey() throws Exception {
    db.execute("CREATE TABLE codes (code VARCHAR(10) NOT NULL, label VARCHAR(20), created_at DATETIME, UNIQUE KEY (code));\n"
        + "INSERT INTO codes VALUES ('a', 'one', '2024-01-01'), ('b', 'two', '2024-01-01')");
    JarRun check = run(Map.of(), "check");
    assertThat(check.stdout()).contains("key (code)");
    assertThat(run(Map.of(), "sync").exitCode()).isZero();
    assertThat(live("codes")).extracting(r -> r.get("code")).containsExactlyInAnyOrder("a", "b");
    assertThat(live("codes").get(0)).doesNotContainKeys("_fivetran_id", "_tidb_rowid");
  }

  @Test
  void aConfiguredKeyThatIsNotUniqueOrHoldsNullsFailsItsTableNamingTheValue() throws Exception {
    db.execute("CREATE TABLE actions (id INT PRIMARY KEY, action VARCHAR(10), created_at DATETIME);\n"
        + "INSERT INTO actions VALUES (1, 'open', '2024-01-01'), (2, 'open', '2024-01-01'), (3, 'close', '2024-01-01'),"
        + " (4, NULL, '2024-01-01'), (5, 'read', '2024-01-01')");
    Map<String, String> byAction = Map.of("TABLES_PRIMARY_KEY_COLUMNS", "{\"actions\":\"action\"}");
    JarRun check = run(byAction, "check");
    assertThat(check.exitCode()).isEqualTo(1);
    assertThat(check.stdout()).contains("the key (action) of table actions is not unique: 2 rows share action = open");
    JarRun sync = run(byAction, "sync");
    assertThat(sync.exitCode()).as(sync.toString()).isEqualTo(1);
    assertThat(sync.stdout()).contains("actions").contains("is not unique");
    assertThat(folder.resolve("warehouse.duckdb")).satisfies(f -> {
      if (Files.exists(f)) {
        assertThat(DuckDbTables.read(f, db.name(), "actions")).isEmpty();
      }
    });
    db.execute("UPDATE actions SET action = 'reopen' WHERE id = 2");
    JarRun nulls = run(byAction, "sync");
    assertThat(nulls.exitCode()).isEqualTo(1);
    assertThat(nulls.stdout()).contains("holds a NULL").contains("action = NULL");
  }

  @Test
  void tinyint1ValuesStayIntegersAndAsBooleansAnythingButZeroOrOneIsQuarantined() throws Exception {
    db.execute("CREATE TABLE flags (id INT PRIMARY KEY, f TINYINT(1), created_at DATETIME);\n"
        + "INSERT INTO flags VALUES (1, 0, '2024-01-01'), (2, 1, '2024-01-01'), (3, 2, '2024-01-01'), (4, -1, '2024-01-01')");
    assertThat(run(Map.of(), "sync").exitCode()).isZero();
    assertThat(live("flags")).extracting(r -> ((Number) r.get("f")).intValue()).containsExactly(0, 1, 2, -1);

    Files.delete(folder.resolve("warehouse.duckdb"));
    Files.delete(folder.resolve("state.json"));
    JarRun asBoolean = run(Map.of("TINYINT1_AS_BOOLEAN", "true"), "sync");
    assertThat(asBoolean.exitCode()).as(asBoolean.toString()).isZero();
    assertThat(live("flags")).extracting(r -> r.get("id") + ":" + r.get("f")).containsExactly("1:false", "2:true");
    JarRun quarantine = run(Map.of("TINYINT1_AS_BOOLEAN", "true"), "quarantine");
    assertThat(quarantine.stdout()).contains("2 rows in quarantine").contains("is not a boolean");
  }

  @Test
  void rowsWithANullCursorAreCopiedByDefault() throws Exception {
    db.execute("CREATE TABLE notes (id INT PRIMARY KEY, body VARCHAR(10), created_at DATETIME NULL);\n"
        + "INSERT INTO notes VALUES (1, 'dated', '2024-01-01'), (2, 'undated', NULL)");
    assertThat(run(Map.of(), "sync").exitCode()).isZero();
    assertThat(live("notes")).extracting(r -> r.get("body")).containsExactlyInAnyOrder("dated", "undated");
  }

  @Test
  void aDuckDbTableTidbSyncDidNotMakeIsRefusedUntouchedAndAFileNamedLikeTheSchemaWorks() throws Exception {
    db.execute("CREATE TABLE orders (id INT PRIMARY KEY, total INT, created_at DATETIME);\n"
        + "INSERT INTO orders VALUES (1, 10, '2024-01-01')");
    Path file = folder.resolve(db.name() + ".duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = duck.createStatement()) {
      st.execute("CREATE SCHEMA \"" + db.name() + "\"");
      st.execute("CREATE TABLE \"" + db.name() + "\".\"" + db.name() + "\".orders (mine VARCHAR)");
      st.execute("INSERT INTO \"" + db.name() + "\".\"" + db.name() + "\".orders VALUES ('keep me')");
    }
    JarRun refused = run(Map.of("DUCKDB_FILE", file.getFileName().toString()), "sync");
    assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
    assertThat(refused.stdout()).contains("was not made by tidb-sync").doesNotContain("pending query");
    assertThat(DuckDbTables.read(file, db.name(), "orders")).singleElement()
        .satisfies(r -> assertThat(r).containsOnlyKeys("mine").containsEntry("mine", "keep me"));

    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = duck.createStatement()) {
      st.execute("DROP TABLE \"" + db.name() + "\".\"" + db.name() + "\".orders");
    }
    JarRun synced = run(Map.of("DUCKDB_FILE", file.getFileName().toString()), "sync");
    assertThat(synced.exitCode()).as(synced.toString()).isZero();
    assertThat(DuckDbTables.read(file, db.name(), "orders")).singleElement().satisfies(r -> assertThat(r.get("total")).isEqualTo(10));
  }
}
