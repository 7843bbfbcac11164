package io.tidbsync.source.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.Scan;
import io.tidbsync.domain.port.TableDiscovery;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A big table's first sync on TiDB is cut at its storage regions' first keys, for every kind of
 * key TiDB has; after {@code SPLIT TABLE} the ranges read every row exactly once, and AUTO_RANDOM
 * keys (spread over the whole BIGINT range) give ranges of about equal size.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TidbRegionSplitIT {
  static final int ROWS = 4000;
  TestServer server;
  UniqueDatabase db;
  TidbSource source;

  @BeforeAll
  void createTables() {
    server = TestServers.tidb();
    db = new UniqueDatabase(server, "regions");
    String numbers = "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < " + ROWS + ") ";
    db.execute("SET @@cte_max_recursion_depth = 10000;\n"
        + "CREATE TABLE k_int (id BIGINT PRIMARY KEY, v INT);\n"
        + "INSERT INTO k_int " + numbers + "SELECT n * 3, n FROM s;\n"
        + "SPLIT TABLE k_int BETWEEN (0) AND (12000) REGIONS 8;\n"
        + "CREATE TABLE k_composite (a INT, b VARCHAR(20), v INT, PRIMARY KEY (a, b) CLUSTERED);\n"
        + "INSERT INTO k_composite " + numbers + "SELECT n % 40, CONCAT('b', n), n FROM s;\n"
        + "SPLIT TABLE k_composite BY (5, 'b2'), (10, 'b5'), (20, 'b1'), (30, 'b7'), (35, 'b3');\n"
        + "CREATE TABLE k_string (k VARCHAR(40) PRIMARY KEY CLUSTERED, v INT);\n"
        + "INSERT INTO k_string " + numbers + "SELECT MD5(n), n FROM s;\n"
        + "SPLIT TABLE k_string BY ('2'), ('5'), ('8'), ('b'), ('d');\n"
        + "CREATE TABLE k_nonclustered (k VARCHAR(40) PRIMARY KEY NONCLUSTERED, v INT);\n"
        + "INSERT INTO k_nonclustered " + numbers + "SELECT MD5(n), n FROM s;\n"
        + "SPLIT TABLE k_nonclustered BETWEEN (0) AND (4000) REGIONS 4;\n"
        + "CREATE TABLE k_random (id BIGINT PRIMARY KEY AUTO_RANDOM, v INT);\n"
        + "INSERT INTO k_random (v) " + numbers + "SELECT n FROM s;\n"
        + "SPLIT TABLE k_random BETWEEN (0) AND (9223372036854775807) REGIONS 8;\n"
        + "CREATE TABLE k_rowid (v INT, w VARCHAR(10));\n"
        + "INSERT INTO k_rowid " + numbers + "SELECT n % 97, 'w' FROM s;\n"
        + "SPLIT TABLE k_rowid BETWEEN (0) AND (4000) REGIONS 4;\n"
        + "ANALYZE TABLE k_int, k_composite, k_string, k_nonclustered, k_random, k_rowid");
    source = new TidbSource(new TidbSourceConfig(server.host(), server.port(), server.user(),
        new Secret(server.password()), db.name(), Duration.ofSeconds(5), Duration.ofSeconds(60), false));
  }

  @AfterAll
  void drop() {
    if (source != null) {
      source.close();
    }
    if (db != null) {
      db.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"k_int, id, 8", "k_composite, a+b, 6", "k_string, k, 6", "k_nonclustered, k, 2", "k_random, id, 8",
      "k_rowid, _tidb_rowid, 4"})
  void theRangesCutAtRegionsReadEveryRowOnce(String table, String key, int atLeastRanges) {
    TableSchema schema = ((TableDiscovery.Described) source.describe(List.of(
        new TableRequest(TableId.of(table), List.of(), Optional.empty(), Optional.empty(), false, false))).get(0))
        .schema();
    assertThat(String.join("+", schema.primaryKey())).isEqualTo(key);
    assertThat(source.regionCount(schema).orElseThrow()).isGreaterThanOrEqualTo(atLeastRanges);

    List<List<Object>> points = source.splitPoints(schema, ROWS / 16, 64);

    assertThat(points.size() + 1).as("ranges of " + table).isGreaterThanOrEqualTo(atLeastRanges);
    if (table.equals("k_int")) {
      // The regions' first keys, not even cuts between MIN (3) and MAX (12000).
      assertThat(points).extracting(p -> ((Number) p.get(0)).longValue())
          .containsExactly(1500L, 3000L, 4500L, 6000L, 7500L, 9000L, 10500L);
    }
    List<Integer> sizes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Optional<CursorPosition> after = Optional.empty();
    for (int r = 0; r <= points.size(); r++) {
      Optional<List<Object>> until = r < points.size() ? Optional.of(points.get(r)) : Optional.empty();
      int inRange = 0;
      Optional<CursorPosition> position = after;
      for (boolean more = true; more; ) {
        int inPage = 0;
        try (RowStream rows = source.read(new ReadRequest(schema, Scan.ALL_BY_KEY, position, Optional.empty(), 500,
            until))) {
          for (Row row = rows.next(); row != null; row = rows.next()) {
            List<Object> rowKey = keyOf(schema, row);
            assertThat(seen.add(rowKey.toString())).as("row " + rowKey + " read twice").isTrue();
            position = Optional.of(CursorPosition.afterKey(rowKey));
            inPage++;
          }
        }
        inRange += inPage;
        more = inPage == 500;
      }
      sizes.add(inRange);
      after = until.map(CursorPosition::afterKey);
    }
    assertThat(seen).as(table).hasSize(ROWS);
    if (table.equals("k_random")) {
      double mean = (double) ROWS / sizes.size();
      assertThat(sizes).as("AUTO_RANDOM ranges " + sizes).allSatisfy(size -> assertThat(size).isBetween(
          (int) (mean * 0.5), (int) (mean * 1.5)));
    }
  }

  private static List<Object> keyOf(TableSchema schema, Row row) {
    List<Object> key = new ArrayList<>();
    for (int index : schema.primaryKeyIndexes()) {
      key.add(row.get(index));
    }
    return key;
  }
}
