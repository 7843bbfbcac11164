package io.tidbsync.it.e2e;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestination;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.VectorHint;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;
import io.tidbsync.source.tidb.TidbSourceConfig;
import io.tidbsync.state.file.FileStateConfig;
import io.tidbsync.state.file.FileStateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hazards of the domain's model test, replayed on a real server with the real adapters: a
 * transaction held open across a sync run, updates through an {@code updated_at} cursor, deletes,
 * NULL cursors, ties, and a bad row that is quarantined and later fixed.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class IncrementalScenariosIT {
  /** The source server this run of the class uses: TiDB, then MariaDB. */
  @Parameter
  String serverName;

  static final Duration SKEW = Duration.ofSeconds(1);
  @TempDir Path folder;
  UniqueDatabase db;

  TestServer server() {
    return TestServers.source(serverName);
  }

  @BeforeEach
  void create() {
    db = new UniqueDatabase(server(), "scenario");
    db.execute("""
        CREATE TABLE items (id INT PRIMARY KEY, v VARCHAR(20), emb TEXT, updated_at DATETIME(6) NULL, KEY (updated_at))
        """);
  }

  @AfterEach
  void drop() {
    db.close();
  }

  SyncReport sync(String file, Duration lookBack) {
    return sync(file, lookBack, server());
  }

  SyncReport sync(String file, Duration lookBack, TestServer s) {
    // cursor updated_at, deletes on, NULL cursors included, pages of 2 rows
    SyncConfig options = new SyncConfig(List.of(), "updated_at", Map.of(), Set.of(), Set.of("items"), true, 2,
        DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE, lookBack, SKEW);
    SyncConfig config = new SyncConfig(
        List.of(options.requestFor(TableId.of("items"), List.of("id"), Optional.of(new VectorHint("emb", OptionalInt.of(2))))),
        "updated_at", Map.of(), Set.of(), Set.of("items"), true, 2, DateTimePolicy.KEEP_NAIVE,
        RowErrorPolicy.QUARANTINE, lookBack, SKEW);
    try (TidbSource source = new TidbSource(new TidbSourceConfig(s.host(), s.port(), s.user(),
            new Secret(s.password()), db.name(), Duration.ofSeconds(5), Duration.ofSeconds(60), true));
        DestinationPort destination = new DuckDbDestination(new DuckDbConfig(folder.resolve(file + ".duckdb"), "s"));
        StatePort state = new FileStateStore(new FileStateConfig(folder.resolve(file + ".json")))) {
      return new SyncUseCase(source, destination, state, config, SyncObserver.NONE).run();
    }
  }

  List<String> destination(String file) {
    return DuckDbTables.read(folder.resolve(file + ".duckdb"), "s", "items").stream()
        .filter(r -> !Boolean.TRUE.equals(r.get("_fivetran_deleted")))
        .map(r -> r.get("id") + ":" + r.get("v"))
        .toList();
  }

  List<String> source() throws Exception {
    List<String> rows = new java.util.ArrayList<>();
    try (Connection c = db.connect(); Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT id, v FROM items ORDER BY id")) {
      while (rs.next()) {
        rows.add(rs.getInt(1) + ":" + rs.getString(2));
      }
    }
    return rows;
  }

  /** A user who may read the database but not see open transactions (no PROCESS privilege). */
  TestServer userWithoutProcessPrivilege() {
    String user = "np_" + db.name().substring(db.name().length() - 6);
    db.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY 'np-pass';\n"
        + "GRANT SELECT ON `" + db.name() + "`.* TO '" + user + "'@'%'");
    return new TestServer("limited", server().host(), server().port(), user, "np-pass");
  }

  @Test
  void aTransactionHeldOpenAcrossSyncRunsIsCaughtByTheWatermarkOrTheWindowAndLostWithNeither() throws Exception {
    TestServer limited = userWithoutProcessPrivilege();
    db.execute("INSERT INTO items VALUES (1, 'first', '[1,1]', NOW(6) - INTERVAL 30 SECOND)");
    try (Connection longTx = db.connect()) {
      longTx.setAutoCommit(false);
      try (Statement st = longTx.createStatement()) {
        // stamped now by the server, committed only after the sync runs below have passed this time
        st.execute("INSERT INTO items VALUES (2, 'late', '[2,2]', NOW(6))");
      }
      Thread.sleep(100);
      db.execute("INSERT INTO items VALUES (3, 'later', '[3,3]', NOW(6))");
      Thread.sleep(SKEW.toMillis() + 200);
      sync("watermark", Duration.ZERO);
      sync("window", Duration.ofHours(1), limited);
      sync("neither", Duration.ZERO, limited);
      assertThat(destination("watermark")).as("row 3 is newer than the open transaction: it waits")
          .containsExactly("1:first");
      assertThat(destination("neither")).containsExactly("1:first", "3:later");
      longTx.commit();
    }
    Thread.sleep(SKEW.toMillis() + 200);
    sync("watermark", Duration.ZERO);
    sync("window", Duration.ofHours(1), limited);
    sync("neither", Duration.ZERO, limited);
    assertThat(destination("watermark")).isEqualTo(source());
    assertThat(destination("window")).isEqualTo(source());
    assertThat(destination("neither")).as("with neither watermark nor look-back the late commit is lost")
        .containsExactly("1:first", "3:later");
  }

  @Test
  void updatesDeletesNullCursorsTiesAndAQuarantinedRowAllEndEqual() throws Exception {
    db.execute("""
        INSERT INTO items VALUES (1, 'a', '[1,1]', '2024-01-01 00:00:00'), (2, 'b', '[2,2]', '2024-01-01 00:00:00'),
          (3, 'c', '[3,3]', '2024-01-01 00:00:00'), (4, 'd', '[4,4]', NULL), (5, 'e', '[oops]', '2024-01-01 00:00:01'),
          (6, 'f', '[6,6]', '2024-01-01 00:00:01')
        """);
    SyncReport first = sync("full", Duration.ofMinutes(5));
    assertThat(first.tables().get(0).rowsQuarantined()).isEqualTo(1);
    assertThat(first.tables().get(0).nullCursorRows()).isEqualTo(1);
    db.execute("""
        UPDATE items SET v = 'a2', updated_at = '2024-01-02 00:00:00' WHERE id = 1;
        DELETE FROM items WHERE id = 2;
        UPDATE items SET emb = '[5,5]', updated_at = '2024-01-01 00:00:01' WHERE id = 5;
        UPDATE items SET v = 'd2' WHERE id = 4;
        INSERT INTO items VALUES (7, 'g', '[7,7]', '2024-01-02 00:00:00')
        """);
    SyncReport second = sync("full", Duration.ofMinutes(5));
    assertThat(second.failure()).isEmpty();
    assertThat(second.tables().get(0).rowsDeleted()).isEqualTo(1);
    assertThat(second.tables().get(0).rowsQuarantined()).isZero();
    assertThat(destination("full")).isEqualTo(source()).contains("1:a2", "4:d2", "5:e", "7:g").doesNotContain("2:b");
  }
}
