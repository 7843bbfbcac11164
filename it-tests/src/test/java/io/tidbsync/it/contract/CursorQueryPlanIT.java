package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.Scan;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.TableDiscovery;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.KeysetSql;
import io.tidbsync.source.tidb.TidbSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The incremental read must cost what it returns, not the table's size: the server's own plan
 * (EXPLAIN) for the exact page statement tidb-sync sends must be a range scan on the cursor index.
 * The same statement on a copy of the table without that index plans a full scan, which shows the
 * check can tell the two apart. The window read is small against the table, as in a steady
 * incremental run; when it covers a large share of the table (here about 18% was enough), the
 * optimizer rightly prefers a full scan. Runs on TiDB and MariaDB, whose EXPLAIN output differs:
 * TiDB names an {@code IndexRangeScan} on the index, MariaDB a single row of type {@code range}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class CursorQueryPlanIT {
  private static final int ROWS = 20_000;
  private static final LocalDateTime EPOCH = LocalDateTime.of(2025, 1, 1, 0, 0);
  @Parameter
  String serverName;
  private UniqueDatabase db;
  private SourcePort source;

  @BeforeParameterizedClassInvocation
  void createTables() {
    db = new UniqueDatabase(TestServers.source(serverName), "plan");
    db.execute("""
        CREATE TABLE events (id BIGINT PRIMARY KEY, created_at DATETIME(6), payload VARCHAR(100), KEY (created_at));
        CREATE TABLE events_unindexed (id BIGINT PRIMARY KEY, created_at DATETIME(6), payload VARCHAR(100))
        """);
    StringBuilder insert = new StringBuilder("INSERT INTO events VALUES ");
    for (int i = 1; i <= ROWS; i++) {
      insert.append(i > 1 ? "," : "").append('(').append(i).append(", '").append(at(i))
          .append("', 'payload of row ").append(i).append("')");
    }
    db.execute(insert + ";\nINSERT INTO events_unindexed SELECT * FROM events;\n"
        + "ANALYZE TABLE events;\nANALYZE TABLE events_unindexed");
    source = new TidbSource(MariaDbSourceIT.config(db.server(), db.name()));
  }

  @AfterParameterizedClassInvocation
  void dropTables() {
    if (source != null) {
      source.close();
    }
    if (db != null) {
      db.close();
    }
  }

  /** Row {@code i}'s cursor value: one row every 10 s, so an hour's look-back is 360 rows (under 2%). */
  private static LocalDateTime at(long i) {
    return EPOCH.plusSeconds(10 * i);
  }

  private TableSchema describe(String table) {
    TableDiscovery found = source.describe(List.of(
        new TableRequest(TableId.of(table), List.of(), "created_at", Optional.empty()))).get(0);
    return ((TableDiscovery.Described) found).schema();
  }

  /** The incremental page after the last stored row, up to the commit watermark. */
  private ReadRequest incremental(TableSchema schema, CursorPosition after) {
    return new ReadRequest(schema, Scan.CURSOR, Optional.of(after),
        Optional.of(at(ROWS + 6)), 10_000);
  }

  @Test
  void theIncrementalPageAfterAStoredRowIsARangeScanOnTheCursorIndex() throws Exception {
    CursorPosition stored = new CursorPosition(at(ROWS - 100), List.of(ROWS - 100L));
    Plan plan = explain(KeysetSql.page(db.name(), incremental(describe("events"), stored)));
    assertThat(plan.rangeScanOn("created_at")).as(plan.toString()).isTrue();
  }

  @Test
  void theLookBackPageFromAnInclusiveCursorValueIsARangeScanOnTheCursorIndex() throws Exception {
    CursorPosition lookBack = CursorPosition.inclusive(at(ROWS - 100).minusHours(1));
    Plan plan = explain(KeysetSql.page(db.name(), incremental(describe("events"), lookBack)));
    assertThat(plan.rangeScanOn("created_at")).as(plan.toString()).isTrue();
  }

  @Test
  void withoutTheIndexTheSameStatementIsAFullScan() throws Exception {
    CursorPosition stored = new CursorPosition(at(ROWS - 100), List.of(ROWS - 100L));
    Plan plan = explain(KeysetSql.page(db.name(), incremental(describe("events_unindexed"), stored)));
    assertThat(plan.rangeScanOn("created_at")).as(plan.toString()).isFalse();
    assertThat(plan.fullScan()).as(plan.toString()).isTrue();
  }

  /** A key range's page (after a key, up to a key) reads the table by its key, not the whole table. */
  @Test
  void aKeyRangePageIsARangeScanOnTheKey() throws Exception {
    ReadRequest range = new ReadRequest(describe("events"), Scan.ALL_BY_KEY,
        Optional.of(CursorPosition.afterKey(List.of(1000L))), Optional.empty(), 10_000, Optional.of(List.of(2000L)));
    Plan plan = explain(KeysetSql.page(db.name(), range));
    assertThat(plan.fullScan()).as(plan.toString()).isFalse();
    assertThat(plan.rangeScanOn("PRIMARY")).as(plan.toString()).isTrue();
  }

  /** The server's EXPLAIN rows for a statement, by column label. */
  private Plan explain(String sql) throws Exception {
    try (Connection c = db.connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("EXPLAIN " + sql)) {
      List<Map<String, String>> rows = new ArrayList<>();
      while (rs.next()) {
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
        }
        rows.add(row);
      }
      return new Plan(db.server().isTidb(), sql, rows);
    }
  }

  /** One statement's plan, read the way its server writes it. */
  record Plan(boolean tidb, String statement, List<Map<String, String>> rows) {
    /**
     * A range scan on {@code index}: on TiDB an {@code IndexRangeScan} on it, or a
     * {@code TableRangeScan} for the clustered primary key; on MariaDB one row of type range.
     */
    boolean rangeScanOn(String index) {
      if (tidb) {
        return rows.stream().anyMatch(r -> index.equals("PRIMARY")
            ? r.get("id").contains("TableRangeScan")
            : r.get("id").contains("IndexRangeScan") && r.get("access object").contains("index:" + index + "("));
      }
      return rows.size() == 1 && "range".equals(rows.get(0).get("type")) && index.equals(rows.get(0).get("key"));
    }

    boolean fullScan() {
      if (tidb) {
        return rows.stream().anyMatch(r -> r.get("id").contains("TableFullScan") || r.get("id").contains("IndexFullScan"));
      }
      return rows.stream().anyMatch(r -> "ALL".equals(r.get("type")) || "index".equals(r.get("type")));
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder("EXPLAIN " + statement);
      rows.forEach(r -> text.append('\n').append(r.values()));
      return text.toString();
    }
  }
}
