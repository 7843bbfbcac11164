package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.Scan;
import io.tidbsync.domain.port.TableDiscovery;
import io.tidbsync.it.servers.ServerCounters;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The source reads page after page on one connection: a page read to its end hands its connection
 * (and its prepared statement) to the next, a half-read page or a connection the server dropped is
 * never reused, and closing the source closes what it kept. Counted on the server (connections
 * opened, statements prepared, {@code PROCESSLIST}), on TiDB and MariaDB.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class TidbConnectionReuseIT {
  private static final int ROWS = 1_000;
  @Parameter
  String serverName;
  private ServerCounters counters;
  private UniqueDatabase db;
  private TidbSource source;
  private TableSchema schema;
  /** Sessions of the test user that were there before the source was made (other tests' pools). */
  private java.util.Set<Long> others;

  @BeforeEach
  void createTable() {
    db = new UniqueDatabase(TestServers.source(serverName), "reuse");
    counters = new ServerCounters(db.server());
    StringBuilder insert = new StringBuilder("CREATE TABLE t (id BIGINT PRIMARY KEY, created_at DATETIME(6), v VARCHAR(20));\n"
        + "INSERT INTO t VALUES ");
    for (int i = 1; i <= ROWS; i++) {
      insert.append(i > 1 ? "," : "").append('(').append(i).append(", '2025-01-01 00:00:00' + INTERVAL ")
          .append(i).append(" SECOND, 'v").append(i).append("')");
    }
    db.execute(insert.toString());
    try (Connection admin = db.connect()) {
      others = new java.util.HashSet<>(sleepingSessions(admin));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    source = new TidbSource(MariaDbSourceIT.config(db.server(), db.name()));
    TableDiscovery found = source.describe(List.of(
        new TableRequest(TableId.of("t"), List.of(), "created_at", Optional.empty()))).get(0);
    schema = ((TableDiscovery.Described) found).schema();
  }

  @AfterEach
  void drop() {
    if (source != null) {
      source.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @Test
  void pagesReadToTheirEndShareOneConnection() throws SQLException {
    long before = connectionsOpened();
    List<Long> ids = readAllInPages(100);
    long opened = connectionsOpened() - before;

    assertThat(ids).hasSize(ROWS).doesNotHaveDuplicates();
    // 11 pages (the last one empty) on one connection; the other is the admin query's own.
    assertThat(opened).isLessThanOrEqualTo(2);
    assertThat(sessionsOfTheSource()).isEqualTo(1);

    source.close();
    assertThat(sessionsOfTheSource()).isZero();
  }

  @Test
  void pagesAfterTheFirstReuseOnePreparedStatement() throws SQLException {
    long before = counters.statementsPrepared();
    assertThat(readAllInPages(100)).hasSize(ROWS);
    // the first page's statement has no start key; the other ten share one text
    assertThat(counters.statementsPrepared() - before).isEqualTo(2);
  }

  @Test
  void aHalfReadPageClosesItsConnection() throws SQLException {
    try (RowStream stream = source.read(new ReadRequest(schema, Scan.ALL_BY_KEY, Optional.empty(), ROWS))) {
      assertThat(stream.next()).isNotNull();
    }
    assertThat(sessionsOfTheSource()).isZero();
    assertThat(readAllInPages(300)).hasSize(ROWS);
  }

  @Test
  void aKeptConnectionTheServerDroppedIsReplaced() throws SQLException {
    assertThat(readAllInPages(500)).hasSize(ROWS);
    assertThat(sessionsOfTheSource()).isEqualTo(1);
    try (Connection admin = db.connect(); Statement st = admin.createStatement()) {
      for (long id : sourceSessionIds(admin)) {
        st.execute("KILL " + id);
      }
    }
    long before = connectionsOpened();
    assertThat(readAllInPages(500)).hasSize(ROWS);
    assertThat(connectionsOpened() - before).isBetween(1L, 2L);
  }

  /**
   * Discovery, the server's facts, counts and checks share the connection the discovery before
   * them handed back, instead of logging in once each (on TiDB Cloud, a TLS handshake over the
   * internet each); a query that fails closes its connection instead of handing it back.
   */
  @Test
  void metadataQueriesShareOneConnection() throws SQLException {
    long before = connectionsOpened();
    assertThat(source.listTables()).contains(TableId.of("t"));
    source.facts();
    source.describe(List.of(new TableRequest(TableId.of("t"), List.of(), "created_at", Optional.empty())));
    assertThat(source.keyProblem(schema)).isEmpty();
    assertThat(source.maxCursor(schema, java.time.LocalDateTime.of(2030, 1, 1, 0, 0))).isPresent();
    assertThat(source.countNullCursor(schema)).isZero();
    source.estimatedRows(schema);
    source.commitWatermark();
    // Only the admin query of connectionsOpened() logs in; the source kept its one connection.
    assertThat(connectionsOpened() - before).isLessThanOrEqualTo(1);
    assertThat(sessionsOfTheSource()).isEqualTo(1);

    TableSchema missing = new TableSchema(TableId.of("no_such_table"), schema.columns(), schema.primaryKey(),
        schema.cursor());
    assertThatThrownBy(() -> source.countNullCursor(missing)).hasMessageContaining("no_such_table");
    assertThat(sessionsOfTheSource()).isZero();
  }

  /** Every row in key order, {@code page} at a time, each page a stream of its own as a sync reads them. */
  private List<Long> readAllInPages(int page) {
    List<Long> ids = new ArrayList<>();
    Optional<CursorPosition> after = Optional.empty();
    while (true) {
      int inPage = 0;
      Row last = null;
      try (RowStream stream = source.read(new ReadRequest(schema, Scan.ALL_BY_KEY, after, page))) {
        for (Row row = stream.next(); row != null; row = stream.next()) {
          ids.add((Long) row.get(0));
          last = row;
          inPage++;
        }
      }
      if (inPage < page) {
        return ids;
      }
      after = Optional.of(new CursorPosition(last.get(1), List.of(last.get(0))));
    }
  }

  private long connectionsOpened() {
    return counters.connectionsOpened();
  }

  /** The source's idle sessions: the test user's sleeping ones that were not there before it. */
  private long sessionsOfTheSource() throws SQLException {
    try (Connection admin = db.connect()) {
      return sourceSessionIds(admin).size();
    }
  }

  private List<Long> sourceSessionIds(Connection admin) throws SQLException {
    List<Long> ids = sleepingSessions(admin);
    ids.removeAll(others);
    return ids;
  }

  private static List<Long> sleepingSessions(Connection admin) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (Statement st = admin.createStatement(); ResultSet rs = st.executeQuery(
        "SELECT ID FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND USER = SUBSTRING_INDEX(CURRENT_USER(), '@', 1) "
            + "AND COMMAND = 'Sleep'")) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }
}
