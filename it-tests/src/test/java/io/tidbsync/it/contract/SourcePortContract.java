package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.VectorHint;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.Scan;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.TableDiscovery;
import io.tidbsync.it.servers.UniqueDatabase;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link SourcePort} must do (architecture.md, "SourcePort"), against a real server.
 * A subclass names the server and builds the adapter on a database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SourcePortContract {
  protected UniqueDatabase db;
  protected SourcePort source;

  protected abstract UniqueDatabase newDatabase();

  protected abstract SourcePort newSource(UniqueDatabase database);

  @BeforeAll
  void setUp() {
    db = newDatabase();
    db.execute("""
        CREATE TABLE typed (
          id BIGINT PRIMARY KEY, i INT, ui INT UNSIGNED, ub BIGINT UNSIGNED, s SMALLINT, b TINYINT(1),
          d DECIMAL(38,10), f FLOAT, dbl DOUBLE, dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL,
          txt VARCHAR(20) NOT NULL, bin VARBINARY(8), j JSON, emb TEXT, created_at DATETIME(6),
          KEY (created_at));
        CREATE TABLE `order` (`id` INT PRIMARY KEY, `a column` VARCHAR(10), `created_at` DATETIME);
        CREATE TABLE `a``b` (`k1` INT, `k2` VARCHAR(5), created_at DATETIME, PRIMARY KEY (k1, k2));
        CREATE TABLE ties (id INT PRIMARY KEY, created_at DATETIME, KEY (created_at));
        CREATE TABLE micros (id INT PRIMARY KEY, created_at DATETIME(6), KEY (created_at));
        CREATE VIEW typed_view AS SELECT id FROM typed
        """);
    db.execute("INSERT INTO `order` VALUES (1, 'x y', '2024-01-01 00:00:00')");
    db.execute("INSERT INTO `a``b` VALUES (1, 'b', '2024-01-01'), (1, 'a', '2024-01-01'), (0, 'z', '2024-01-02')");
    StringBuilder ties = new StringBuilder("INSERT INTO ties VALUES ");
    for (int i = 1; i <= 2500; i++) {
      ties.append(i > 1 ? "," : "").append('(').append(i).append(", '2024-01-0").append(1 + i % 3).append(" 00:00:00')");
    }
    db.execute(ties.toString());
    db.execute("INSERT INTO micros VALUES (1, '2024-01-01 00:00:00.000001'), (2, '2024-01-01 00:00:00.000001'), "
        + "(3, '2024-01-01 00:00:00.000002'), (4, '2024-01-01 00:00:00')");
    source = newSource(db);
  }

  @AfterAll
  void tearDown() {
    if (source != null) {
      source.close();
    }
    if (db != null) {
      db.close();
    }
  }

  protected TableSchema describe(String table, String... key) {
    TableDiscovery found = source.describe(List.of(
        new TableRequest(TableId.of(table), List.of(key), "created_at", Optional.empty()))).get(0);
    assertThat(found).as(found.toString()).isInstanceOf(TableDiscovery.Described.class);
    return ((TableDiscovery.Described) found).schema();
  }

  protected static List<Row> readAll(SourcePort source, TableSchema schema, Optional<CursorPosition> after, int limit) {
    List<Row> rows = new ArrayList<>();
    try (RowStream stream = source.read(new ReadRequest(schema, after, limit))) {
      for (Row row = stream.next(); row != null; row = stream.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * Dates the driver cannot turn into java.time values (zero dates, and a day that does not exist,
   * stored under lax SQL modes) still arrive, as text, so the normalizer counts or rejects them;
   * ordinary values keep their microseconds.
   */
  @Test
  void zeroAndInvalidDatesArriveForTheNormalizerWhileOrdinaryDatesKeepMicroseconds() {
    db.execute("""
        SET SESSION sql_mode = 'ALLOW_INVALID_DATES';
        CREATE TABLE odd_dates (id INT PRIMARY KEY, dt DATE, dtm DATETIME(6), ts TIMESTAMP(6) NULL, created_at DATETIME);
        INSERT INTO odd_dates VALUES
          (1, '0000-00-00', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '2024-01-01'),
          (2, '2024-02-30', '2024-02-30 10:00:00', NULL, '2024-01-01'),
          (3, '2024-02-29', '2024-02-29 23:59:59.999999', '2024-02-29 23:59:59.000001', '2024-01-01')
        """);
    TableSchema schema = describe("odd_dates", "id");
    List<Row> rows = readAll(source, schema, Optional.empty(), 10);
    var normalizer = new io.tidbsync.domain.normalize.RowNormalizer(
        io.tidbsync.domain.config.DateTimePolicy.KEEP_NAIVE).forTable(schema);
    var stats = new io.tidbsync.domain.normalize.NormalizationStats();

    Row zero = normalizer.normalize(rows.get(0), stats);
    assertThat(zero.values()).containsExactly(1, null, null, null, LocalDateTime.of(2024, 1, 1, 0, 0));
    assertThat(stats.zeroDates()).isEqualTo(3);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> normalizer.normalize(rows.get(1), stats))
        .isInstanceOf(io.tidbsync.domain.normalize.RowRejectedException.class)
        .hasMessageContaining("dt");
    Row ordinary = normalizer.normalize(rows.get(2), stats);
    assertThat(ordinary.get(1)).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
    assertThat(ordinary.get(2)).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 999_999_000));
    assertThat(ordinary.get(3)).isEqualTo(java.time.Instant.parse("2024-02-29T23:59:59.000001Z"));
  }

  @Test
  void describeReturnsColumnsInOrdinalOrderWithLogicalTypesNullabilityAndKey() {
    TableSchema schema = describe("typed");
    assertThat(schema.columnNames()).containsExactly("id", "i", "ui", "ub", "s", "b", "d", "f", "dbl", "dt", "dtm", "ts",
        "txt", "bin", "j", "emb", "created_at");
    assertThat(schema.columns().stream().map(ColumnSpec::type).toList()).containsExactly(
        new LogicalType.LongType(), new LogicalType.IntType(), new LogicalType.LongType(),
        new LogicalType.DecimalType(20, 0), new LogicalType.ShortType(), new LogicalType.BooleanType(),
        new LogicalType.DecimalType(38, 10), new LogicalType.FloatType(), new LogicalType.DoubleType(),
        new LogicalType.NaiveDateType(), new LogicalType.NaiveDateTimeType(), new LogicalType.UtcDateTimeType(),
        new LogicalType.StringType(), new LogicalType.BinaryType(), jsonType(), new LogicalType.StringType(),
        new LogicalType.NaiveDateTimeType());
    assertThat(schema.primaryKey()).containsExactly("id");
    assertThat(schema.column("txt").nullable()).isFalse();
    assertThat(schema.column("i").nullable()).isTrue();
    assertThat(schema.cursor()).contains("created_at");
  }

  /** MariaDB stores JSON as LONGTEXT, so it describes it as text; TiDB and MySQL say JSON. */
  protected abstract LogicalType jsonType();

  /** Whether the server can pin reads to one snapshot (TiDB); MySQL and MariaDB cannot. */
  protected abstract boolean pinsSnapshots();

  /**
   * Every read after {@code pinSnapshot} (pages on several connections, key reads, the cursor
   * maximum, the NULL-cursor count) sees the source as it was then: later inserts, updates and
   * deletes are invisible until the snapshot is renewed. Where the server has no snapshots the
   * source says so and reads see the latest rows.
   */
  @Test
  void aPinnedSnapshotHidesLaterChangesFromEveryReadUntilRenewed() throws Exception {
    db.execute("CREATE TABLE snap (id INT PRIMARY KEY, v VARCHAR(10), created_at DATETIME);\n"
        + "INSERT INTO snap VALUES (1, 'one', '2024-01-01'), (2, 'two', '2024-01-02'), (3, 'three', NULL)");
    try (SourcePort pinned = newSource(db)) {
      TableSchema schema = ((TableDiscovery.Described) pinned.describe(List.of(
          new TableRequest(TableId.of("snap"), List.of(), "created_at", Optional.empty()))).get(0)).schema();
      Optional<io.tidbsync.domain.model.SourceSnapshot> snapshot = pinned.pinSnapshot();
      assertThat(snapshot.isPresent()).isEqualTo(pinsSnapshots());
      db.execute("INSERT INTO snap VALUES (4, 'four', '2024-01-03');\nUPDATE snap SET v = 'changed' WHERE id = 1;\n"
          + "DELETE FROM snap WHERE id = 2;\nUPDATE snap SET created_at = '2024-01-05' WHERE id = 3");
      List<Row> rows = new ArrayList<>();
      // Two streams open at once: two connections, both at the snapshot.
      try (RowStream first = pinned.read(new ReadRequest(schema, Scan.ALL_BY_KEY, Optional.empty(), 1));
          RowStream rest = pinned.read(new ReadRequest(schema, Scan.ALL_BY_KEY,
              Optional.of(CursorPosition.afterKey(List.of(1L))), 10))) {
        for (Row row = first.next(); row != null; row = first.next()) {
          rows.add(row);
        }
        for (Row row = rest.next(); row != null; row = rest.next()) {
          rows.add(row);
        }
      }
      List<String> keyed;
      try (RowStream byKey = pinned.readKeys(schema, List.of(List.of(1L), List.of(2L), List.of(4L)), false)) {
        keyed = new ArrayList<>();
        for (Row row = byKey.next(); row != null; row = byKey.next()) {
          keyed.add(row.get(0) + ":" + row.get(1));
        }
      }
      if (pinsSnapshots()) {
        assertThat(rows).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactly("1:one", "2:two", "3:three");
        assertThat(keyed).containsExactlyInAnyOrder("1:one", "2:two");
        assertThat(pinned.countNullCursor(schema)).isEqualTo(1);
        assertThat(pinned.maxCursor(schema, LocalDateTime.of(2030, 1, 1, 0, 0))).contains(LocalDateTime.of(2024, 1, 2, 0, 0));
        assertThat(snapshot.get().time()).isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now());

        io.tidbsync.domain.model.SourceSnapshot fresh = pinned.renewSnapshot(snapshot.get()).orElseThrow();
        assertThat(fresh.tso()).isGreaterThan(snapshot.get().tso());
        assertThat(pinned.renewSnapshot(snapshot.get())).as("renewed once for all who saw it expire").contains(fresh);
        assertThat(pinned.countNullCursor(schema)).isZero();
        assertThat(readAll(pinned, schema, Optional.empty(), 10)).extracting(r -> r.get(0) + ":" + r.get(1))
            .containsExactly("1:changed", "4:four", "3:three");
      } else {
        assertThat(rows).extracting(r -> r.get(0) + ":" + r.get(1)).containsExactly("1:changed", "3:three", "4:four");
        assertThat(keyed).containsExactlyInAnyOrder("1:changed", "4:four");
      }
    } finally {
      db.execute("DROP TABLE snap");
    }
  }

  @Test
  void describeMarksTheConfiguredVectorColumn() {
    TableDiscovery found = source.describe(List.of(new TableRequest(TableId.of("typed"), List.of(), "created_at",
        Optional.of(new VectorHint("emb", OptionalInt.of(3)))))).get(0);
    TableSchema schema = ((TableDiscovery.Described) found).schema();
    assertThat(schema.column("emb").type()).isEqualTo(LogicalType.VectorType.of(3));
  }

  @Test
  void describeListsEveryBaseTableButNoViews() {
    assertThat(source.listTables()).extracting(TableId::name).containsExactly("a`b", "micros", "order", "ties", "typed");
  }

  @Test
  void anUnknownTableOrColumnIsAnErrorForThatTableOnly() {
    List<TableDiscovery> found = source.describe(List.of(
        new TableRequest(TableId.of("nope"), List.of(), "created_at", Optional.empty()),
        new TableRequest(TableId.of("ties"), List.of("missing_key"), "created_at", Optional.empty()),
        new TableRequest(TableId.of("ties"), List.of(), "updated_at", Optional.empty()),
        new TableRequest(TableId.of("ties"), List.of(), "created_at", Optional.empty())));
    assertThat(found.get(0)).isInstanceOf(TableDiscovery.Undescribable.class);
    assertThat(((TableDiscovery.Undescribable) found.get(0)).reason()).contains("nope").contains("does not exist");
    assertThat(((TableDiscovery.Undescribable) found.get(1)).reason()).contains("missing_key");
    assertThat(((TableDiscovery.Undescribable) found.get(2)).reason()).contains("updated_at").contains("CURSOR_COLUMN");
    assertThat(found.get(3)).isInstanceOf(TableDiscovery.Described.class);
  }

  @Test
  void readQuotesEveryIdentifierSoReservedAndOddNamesWork() {
    TableSchema order = describe("order");
    assertThat(order.columnNames()).containsExactly("id", "a column", "created_at");
    assertThat(readAll(source, order, Optional.empty(), 10)).hasSize(1);
    assertThat(readAll(source, order, Optional.empty(), 10).get(0).get(1)).isEqualTo("x y");
    TableSchema backtick = describe("a`b");
    assertThat(backtick.primaryKey()).containsExactly("k1", "k2");
    List<Row> rows = readAll(source, backtick, Optional.empty(), 10);
    assertThat(rows).extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly("1/a", "1/b", "0/z");
  }

  @Test
  void readReturnsRowsStrictlyAfterCursorInCursorThenKeyOrderAcrossPagesWithTies() {
    TableSchema ties = describe("ties");
    List<Long> seen = new ArrayList<>();
    Optional<CursorPosition> position = Optional.empty();
    int pages = 0;
    while (true) {
      List<Row> page = readAll(source, ties, position, 300);
      pages++;
      for (Row row : page) {
        seen.add((Long) row.get(0));
      }
      if (page.size() < 300) {
        break;
      }
      Row last = page.get(page.size() - 1);
      position = Optional.of(new CursorPosition(
          (LocalDateTime) last.get(1), List.of(last.get(0))));
    }
    assertThat(pages).isGreaterThan(8);
    assertThat(seen).hasSize(2500).doesNotHaveDuplicates();
    List<Long> expected = new ArrayList<>();
    for (int day = 1; day <= 3; day++) {
      for (long id = 1; id <= 2500; id++) {
        if (1 + id % 3 == day) {
          expected.add(id);
        }
      }
    }
    assertThat(seen).isEqualTo(expected);
  }

  @Test
  void positionsKeepMicrosecondsSoTiesOneMicrosecondApartAreNeitherLostNorRepeated() {
    TableSchema micros = describe("micros");
    LocalDateTime oneMicro = LocalDateTime.of(2024, 1, 1, 0, 0, 0, 1000);
    List<Row> after = readAll(source, micros, Optional.of(new CursorPosition(oneMicro, List.of(1L))), 10);
    assertThat(after).extracting(r -> r.get(0)).containsExactly(2L, 3L);
  }

  @Test
  void readKeysReturnsTheRowsOfExistingKeysOnly() {
    TableSchema backtick = describe("a`b");
    List<Row> found = new ArrayList<>();
    try (RowStream rows = source.readKeys(backtick, List.of(List.of(1L, "a"), List.of(0L, "z"), List.of(5L, "q")), false)) {
      for (Row row = rows.next(); row != null; row = rows.next()) {
        found.add(row);
      }
    }
    assertThat(found).extracting(r -> r.get(0) + "/" + r.get(1) + "/" + (r.get(2) != null))
        .containsExactlyInAnyOrder("1/a/true", "0/z/true");
    try (RowStream keys = source.readKeys(describe("ties"), List.of(List.of(3L), List.of(99999L)), true)) {
      Row only = keys.next();
      assertThat(only.values()).containsExactly(3L);
      assertThat(keys.next()).isNull();
    }
  }

  @Test
  void nullCursorRowsAreCountedAndReadByKeyAndFullScansReadEverything() {
    db.execute("CREATE TABLE nulls (id INT PRIMARY KEY, created_at DATETIME NULL);\n"
        + "INSERT INTO nulls VALUES (1, NULL), (2, '2024-01-01'), (3, NULL), (4, NULL)");
    TableSchema nulls = describe("nulls");
    assertThat(source.countNullCursor(nulls)).isEqualTo(3);
    List<Row> firstTwo = readScan(nulls, io.tidbsync.domain.port.Scan.NULL_CURSOR, Optional.empty(), 2);
    assertThat(firstTwo).extracting(r -> r.get(0)).containsExactly(1L, 3L);
    assertThat(readScan(nulls, io.tidbsync.domain.port.Scan.NULL_CURSOR,
        Optional.of(CursorPosition.afterKey(List.of(3L))), 10)).extracting(r -> r.get(0)).containsExactly(4L);
    assertThat(readScan(nulls, io.tidbsync.domain.port.Scan.ALL_BY_KEY,
        Optional.of(CursorPosition.afterKey(List.of(1L))), 10)).extracting(r -> r.get(0)).containsExactly(2L, 3L, 4L);
    db.execute("DROP TABLE nulls");
  }

  private List<Row> readScan(TableSchema schema, io.tidbsync.domain.port.Scan scan, Optional<CursorPosition> after, int limit) {
    List<Row> rows = new ArrayList<>();
    try (RowStream stream = source.read(new ReadRequest(schema, scan, after, limit))) {
      for (Row row = stream.next(); row != null; row = stream.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void theCommitWatermarkStopsAtTheOldestOpenTransactionAndBoundsCursorScans() throws Exception {
    java.time.Instant idle = source.commitWatermark().orElseThrow();
    assertThat(idle).isBetween(java.time.Instant.now().minusSeconds(60), java.time.Instant.now().plusSeconds(60));
    try (java.sql.Connection open = db.connect()) {
      open.setAutoCommit(false);
      try (java.sql.Statement st = open.createStatement()) {
        st.execute("INSERT INTO ties VALUES (99999, NOW())");
      }
      java.time.Instant started = java.time.Instant.now();
      Thread.sleep(1100);
      java.time.Instant during = source.commitWatermark().orElseThrow();
      assertThat(during).isBefore(started.plusMillis(500));
      open.rollback();
    }
    TableSchema ties = describe("ties");
    List<Row> upToDayTwo = readAll(source, ties, Optional.empty(), 5000).stream().toList();
    List<Row> bounded = new ArrayList<>();
    try (RowStream stream = source.read(new ReadRequest(ties, io.tidbsync.domain.port.Scan.CURSOR, Optional.empty(),
        Optional.of(LocalDateTime.of(2024, 1, 2, 0, 0)), 5000))) {
      for (Row row = stream.next(); row != null; row = stream.next()) {
        bounded.add(row);
      }
    }
    assertThat(bounded).hasSize(1667).allSatisfy(r -> assertThat(r.get(1).toString()).doesNotStartWith("2024-01-03"));
    assertThat(upToDayTwo).hasSize(2500);
  }

  @Test
  void anInclusivePositionRereadsRowsSharingItsCursorValue() {
    TableSchema ties = describe("ties");
    List<Row> rows = readAll(source, ties, Optional.of(CursorPosition.inclusive(LocalDateTime.of(2024, 1, 3, 0, 0))), 5000);
    assertThat(rows).hasSize(833).allSatisfy(r -> assertThat(r.get(1).toString()).startsWith("2024-01-03"));
  }

  @Test
  void readStreamsATableLargerThanWhatItHasReadSoFar() {
    TableSchema ties = describe("ties");
    try (RowStream stream = source.read(new ReadRequest(ties, Optional.empty(), 5000))) {
      assertThat(stream.next()).isNotNull();
      assertThat(stream.next()).isNotNull();
    }
    // Closing a half-read stream releases it: the next read works on a fresh result.
    assertThat(readAll(source, ties, Optional.empty(), 5000)).hasSize(2500);
  }

  @Test
  void readHandsOverRawValuesOfEveryType() {
    db.execute("""
        INSERT INTO typed VALUES (1, -5, 4294967295, 18446744073709551615, -7, 1, 1234567890123456789012345678.0123456789,
          1.5, 2.25, '2024-02-29', '2024-05-01 10:00:00.123456', '2024-05-01 10:00:00.5', 'txt', x'00ff', '{"a": 1}',
          '[1,2,3]', '2024-05-01 10:00:00')
        """);
    TableSchema schema = describe("typed");
    Row row = readAll(source, schema, Optional.empty(), 10).get(0);
    assertThat(row.get(0)).isEqualTo(1L);
    assertThat(row.get(2)).isEqualTo(4294967295L);
    assertThat(row.get(3).toString()).isEqualTo("18446744073709551615");
    assertThat(row.get(6).toString()).isEqualTo("1234567890123456789012345678.0123456789");
    assertThat(row.get(9)).isEqualTo(java.time.LocalDate.of(2024, 2, 29));
    assertThat(row.get(10)).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0, 0, 123_456_000));
    assertThat(row.get(11)).isEqualTo(LocalDateTime.of(2024, 5, 1, 10, 0, 0, 500_000_000));
    assertThat((byte[]) row.get(13)).containsExactly(0, -1);
    assertThat(row.get(15)).isEqualTo("[1,2,3]");
    db.execute("DELETE FROM typed");
  }

  /**
   * A big table's first sync is read as key ranges: the split points are ascending keys inside the
   * table's key span, and reading every range (after the previous point, up to the next) gives every
   * row exactly once, in key order within each range. Too small a table, and a composite key, are
   * not split.
   */
  @Test
  void splitPointsCutTheKeySpanIntoRangesThatTogetherReadEveryRowOnce() {
    StringBuilder insert = new StringBuilder("CREATE TABLE ranged (id BIGINT PRIMARY KEY, v VARCHAR(10), created_at DATETIME);\n"
        + "INSERT INTO ranged VALUES ");
    for (int i = 1; i <= 3_000; i++) {
      // gaps in the key: every 7th id is missing
      long id = i + i / 7;
      insert.append(i > 1 ? "," : "").append('(').append(id).append(", 'v").append(i).append("', '2024-01-01')");
    }
    db.execute(insert + ";\nANALYZE TABLE ranged");
    TableSchema schema = describe("ranged");

    List<List<Object>> points = source.splitPoints(schema, 500, 64);

    assertThat(points).hasSizeBetween(2, 63);
    List<Long> cuts = points.stream().map(p -> ((Number) p.get(0)).longValue()).toList();
    assertThat(cuts).isSorted().doesNotHaveDuplicates().allMatch(c -> c >= 1 && c < 3_428);
    List<Long> ids = new ArrayList<>();
    Optional<CursorPosition> after = Optional.empty();
    for (int r = 0; r <= points.size(); r++) {
      Optional<List<Object>> until = r < points.size() ? Optional.of(points.get(r)) : Optional.empty();
      Optional<CursorPosition> position = after;
      boolean more = true;
      while (more) {
        int inPage = 0;
        try (RowStream stream = source.read(new ReadRequest(schema, Scan.ALL_BY_KEY, position, Optional.empty(), 300,
            until))) {
          for (Row row = stream.next(); row != null; row = stream.next()) {
            long id = ((Number) row.get(0)).longValue();
            until.ifPresent(u -> assertThat(id).isLessThanOrEqualTo(((Number) u.get(0)).longValue()));
            ids.add(id);
            position = Optional.of(CursorPosition.afterKey(List.of(id)));
            inPage++;
          }
        }
        more = inPage == 300;
      }
      after = until.map(CursorPosition::afterKey);
    }
    assertThat(ids).hasSize(3_000).isSorted().doesNotHaveDuplicates();

    assertThat(source.splitPoints(schema, 10_000, 64)).as("too small to split").isEmpty();
    db.execute("UPDATE ranged SET created_at = '2024-03-01 10:00:00' WHERE id = 5;\n"
        + "UPDATE ranged SET created_at = '2024-02-01 10:00:00' WHERE id = 6");
    assertThat(source.maxCursor(schema, LocalDateTime.of(2024, 2, 15, 0, 0)))
        .contains(LocalDateTime.of(2024, 2, 1, 10, 0, 0));
    assertThat(source.maxCursor(schema, LocalDateTime.of(2023, 1, 1, 0, 0))).isEmpty();
    assertThat(source.splitPoints(describe("a`b", "k1", "k2"), 1, 64)).as("composite key").isEmpty();
  }

  protected static String joined(List<String> parts) {
    return parts.stream().collect(Collectors.joining(","));
  }
}
