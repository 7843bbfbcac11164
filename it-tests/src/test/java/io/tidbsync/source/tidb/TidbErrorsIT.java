package io.tidbsync.source.tidb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.failure.SourceRecovery;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemoryStateStore;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.state.file.StateJson;
import io.tidbsync.state.jdbc.JdbcStateConfig;
import io.tidbsync.state.jdbc.JdbcStateStore;
import io.tidbsync.state.jdbc.StateWriteErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * TiDB's errors as the real server produces them, each sorted by {@link TidbErrors}: the memory
 * quota (8175, and a sync that reads on in smaller pages), a schema change at commit (8028), a
 * write conflict (9007), a snapshot older than the GC safe point (8055), the catch-all 1105, and a
 * state row over the entry-size limit (8025). The codes a single-process server cannot produce
 * (PD and TiKV timeouts, unavailable regions, 9006 at read time) have rows in TidbErrorsTest.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TidbErrorsIT {
  private TestServer server;
  private UniqueDatabase db;

  @BeforeAll
  void createTable() {
    server = TestServers.tidb();
    db = new UniqueDatabase(server, "errors");
    db.execute("""
        CREATE TABLE wide (id BIGINT PRIMARY KEY, payload VARCHAR(2000), created_at DATETIME, KEY (created_at));
        SET @@cte_max_recursion_depth = 100000;
        INSERT INTO wide WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 20000)
          SELECT n, REPEAT('x', 1000), '2024-01-01' + INTERVAL n SECOND FROM s;
        CREATE TABLE small (id INT PRIMARY KEY, v INT);
        INSERT INTO small VALUES (1, 1), (2, 2)
        """);
  }

  @AfterAll
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  private SQLException errorOf(Connection c, String sql) {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      return e;
    }
    throw new AssertionError("no error from " + sql);
  }

  @Test
  void overTheMemoryQuotaIs8175AndASyncReadsOnInSmallerPages() throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement()) {
      st.execute("SET SESSION tidb_mem_quota_query = 4000000");
      SQLException e = errorOf(c, "SELECT id, payload FROM wide ORDER BY created_at, id LIMIT 10000");
      assertThat(e.getErrorCode()).isEqualTo(8175);
      assertThat(TidbErrors.forRead(e)).isEqualTo(SourceRecovery.SHRINK_PAGE);
    }
    List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    InMemoryDestination destination = new InMemoryDestination();
    try (Connection admin = server.connect(null); Statement st = admin.createStatement()) {
      // New sessions (the sync's) start with this quota; the default comes back after.
      st.execute("SET GLOBAL tidb_mem_quota_query = 4000000");
      try (TidbSource source = new TidbSource(config())) {
        SyncConfig sync = new SyncConfig(List.of(new TableRequest(TableId.of("wide"), List.of(), "created_at",
            Optional.empty())), "created_at", 10_000, DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE);
        SyncReport report = new SyncUseCase(source, destination, new InMemoryStateStore(), sync,
            new Tuning(1, Tuning.DEFAULT_BATCH_BYTES, 1, 0), new SyncObserver() {
              @Override
              public void warning(String message) {
                warnings.add(message);
              }
            }, java.time.Clock.systemUTC()).run();
        assertThat(report.failure()).as(warnings.toString()).isEmpty();
      } finally {
        st.execute("SET GLOBAL tidb_mem_quota_query = DEFAULT");
      }
    }
    assertThat(destination.table(TableId.of("wide"))).hasSize(20_000);
    assertThat(warnings).anySatisfy(w -> assertThat(w).contains("[error 8175]").contains("in pages of 2500 rows"));
  }

  /**
   * A reorganizing schema change between a transaction's start and its first read of the table
   * is 8028 (with TiDB's metadata lock, since v6.3, a change after that read waits for the
   * transaction instead); two optimistic writes to one row are a write conflict, 9007.
   */
  @Test
  void aSchemaChangeUnderATransactionIs8028AndAWriteConflictIs9007BothRetryable() throws Exception {
    try (Connection reader = db.connect(); Connection other = db.connect(); Statement st = reader.createStatement();
        Statement ddl = other.createStatement()) {
      st.execute("BEGIN");
      st.execute("SELECT 1");
      ddl.execute("ALTER TABLE small MODIFY COLUMN v VARCHAR(10)");
      SQLException e = errorOf(reader, "SELECT * FROM small");
      assertThat(e.getErrorCode()).isEqualTo(8028);
      assertThat(TidbErrors.forRead(e)).isEqualTo(SourceRecovery.RETRY);
      assertThat(TidbErrors.retryableWrite(e)).isTrue();
      st.execute("ROLLBACK");

      st.execute("SET SESSION tidb_txn_mode = 'optimistic'");
      st.execute("BEGIN");
      st.execute("UPDATE small SET v = '10' WHERE id = 2");
      ddl.execute("UPDATE small SET v = '20' WHERE id = 2");
      SQLException conflict = errorOf(reader, "COMMIT");
      assertThat(conflict.getErrorCode()).isEqualTo(9007);
      assertThat(TidbErrors.retryableWrite(conflict)).isTrue();
    }
  }

  /**
   * A snapshot older than the GC safe point is 8055. This server's GC has not run, so there is no
   * safe point, and asking for an old snapshot is the catch-all 1105 ("can not get
   * 'tikv_gc_safe_point'"), which no new snapshot cures; with a safe point written where TiDB's
   * GC keeps it, the server gives 8055.
   */
  @Test
  void aSnapshotOlderThanTheGcSafePointIs8055AndWithoutASafePointTheCatchAll1105() throws Exception {
    try (Connection c = db.connect(); Connection admin = server.connect(null); Statement st = admin.createStatement()) {
      boolean hadSafePoint;
      try (var rs = st.executeQuery("SELECT COUNT(*) FROM mysql.tidb WHERE variable_name = 'tikv_gc_safe_point'")) {
        rs.next();
        hadSafePoint = rs.getInt(1) > 0;
      }
      if (!hadSafePoint) {
        SQLException none = errorOf(c, "SET @@tidb_snapshot = DATE_FORMAT(NOW() - INTERVAL 20 SECOND, '%Y-%m-%d %H:%i:%s')");
        assertThat(none.getErrorCode()).isEqualTo(1105);
        assertThat(TidbErrors.forRead(none)).isEqualTo(SourceRecovery.FAIL_TABLE);
        st.execute("INSERT INTO mysql.tidb VALUES ('tikv_gc_safe_point', "
            + "DATE_FORMAT(NOW() - INTERVAL 5 SECOND, '%Y%m%d-%H:%i:%s.%f +0000'), 'tidb-sync test')");
      }
      try {
        SQLException old = errorOf(c, "SET @@tidb_snapshot = DATE_FORMAT(NOW() - INTERVAL 1 HOUR, '%Y-%m-%d %H:%i:%s')");
        assertThat(old.getErrorCode()).isEqualTo(8055);
        assertThat(old.getMessage()).contains("older than GC safe point");
        assertThat(TidbErrors.forRead(old)).isEqualTo(SourceRecovery.NEW_SNAPSHOT);
      } finally {
        if (!hadSafePoint) {
          st.execute("DELETE FROM mysql.tidb WHERE variable_name = 'tikv_gc_safe_point' AND comment = 'tidb-sync test'");
        }
      }
    }
  }

  /** A state row over TiDB's 6 MB entry limit fails the save with 8025, naming the setting. */
  @Test
  void aStateRowOverTheEntrySizeLimitIs8025NamingTheSetting() {
    String url = "jdbc:mysql://" + server.host() + ":" + server.port() + "/" + db.name();
    StateWriteErrors tidb = new StateWriteErrors() {
      @Override
      public boolean retryable(int vendorCode, String sqlState, String message) {
        return TidbErrors.retryableWrite(vendorCode, sqlState, message);
      }

      @Override
      public String advice(int vendorCode) {
        return TidbErrors.advice(vendorCode);
      }
    };
    try (JdbcStateStore store = new JdbcStateStore(
        new JdbcStateConfig(url, server.user(), new Secret(server.password()), "huge"), new StateJson(), tidb)) {
      SyncState huge = new SyncState(Map.of(), null, Map.of("blob", "\"" + "y".repeat(7 << 20) + "\""));
      assertThatThrownBy(() -> store.save(huge)).isInstanceOf(StateException.class)
          .hasMessageContaining("txn-entry-size-limit").hasMessageContaining("huge");
      store.save(SyncState.EMPTY.withLastConnectionError("small enough"));
      assertThat(store.load().lastConnectionError()).isEqualTo("small enough");
    }
  }

  private TidbSourceConfig config() {
    return new TidbSourceConfig(server.host(), server.port(), server.user(), new Secret(server.password()), db.name(),
        Duration.ofSeconds(5), Duration.ofSeconds(60), false);
  }
}
