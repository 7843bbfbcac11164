package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import io.tidbsync.domain.port.DestinationPort;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DestinationPort} must do (architecture.md, "DestinationPort"). A subclass
 * builds the adapter and reads a table back as rows of column name to value, where values are
 * those of the domain's types (decimal as BigDecimal, instants, float[] for vectors...).
 */
public abstract class DestinationPortContract {
  protected DestinationPort destination;

  protected abstract DestinationPort newDestination();

  /** Every row of the table, ordered by key, each a map of column name to domain-typed value. */
  protected abstract List<Map<String, Object>> readBack(String table);

  /**
   * Whether {@code upsert} counts only rows it inserted or changed (a destination that compares);
   * an append-only destination keeps no old values and counts every row it wrote.
   */
  protected boolean countsOnlyChangedRows() {
    return true;
  }

  @BeforeEach
  void open() {
    destination = newDestination();
  }

  @AfterEach
  void closeDestination() {
    if (destination != null) { // null when the server is missing and the test was skipped
      destination.close();
    }
  }

  static final TableSchema TYPED = new TableSchema(TableId.of("typed"), List.of(
      new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
      new ColumnSpec("flag", new LogicalType.BooleanType(), true, "tinyint(1)"),
      new ColumnSpec("small", new LogicalType.ShortType(), true, "smallint"),
      new ColumnSpec("n", new LogicalType.IntType(), true, "int"),
      new ColumnSpec("amount", new LogicalType.DecimalType(38, 10), true, "decimal(38,10)"),
      new ColumnSpec("f", new LogicalType.FloatType(), true, "float"),
      new ColumnSpec("d", new LogicalType.DoubleType(), true, "double"),
      new ColumnSpec("day", new LogicalType.NaiveDateType(), true, "date"),
      new ColumnSpec("local", new LogicalType.NaiveDateTimeType(), true, "datetime(6)"),
      new ColumnSpec("instant", new LogicalType.UtcDateTimeType(), true, "timestamp(6)"),
      new ColumnSpec("bytes", new LogicalType.BinaryType(), true, "varbinary(8)"),
      new ColumnSpec("text", new LogicalType.StringType(), true, "varchar(20)"),
      new ColumnSpec("doc", new LogicalType.JsonType(), true, "json"),
      new ColumnSpec("embedding", LogicalType.VectorType.of(3), true, "vector(3)")),
      List.of("id"), Optional.of("local"));

  static Row typedRow(long id, String text) {
    return Row.of(id, true, (short) -3, 42, new BigDecimal("1234567890123456789012345678.0123456789"), 1.5f, 2.25d,
        LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 5, 1, 10, 0, 0, 123_456_000),
        Instant.parse("2024-05-01T10:00:00.654321Z"), new byte[] {0, -1, 7}, text, "{\"a\": [1, 2]}",
        new float[] {0.1f, -2.5f, 3e-3f});
  }

  @Test
  void prepareCreatesTheTableWithFivetranColumns() {
    destination.prepare(TYPED);
    destination.upsert(TYPED, List.of(typedRow(1, "one")));
    Map<String, Object> row = readBack("typed").get(0);
    assertThat(row).containsKeys("_fivetran_synced", "_fivetran_deleted");
    assertThat(row.get("_fivetran_deleted")).isEqualTo(false);
    assertThat(row.get("_fivetran_synced")).isInstanceOf(Instant.class);
  }

  @Test
  void everyTypeRoundTripsExactlyIncludingWideDecimalsAndVectors() {
    destination.prepare(TYPED);
    Row written = typedRow(1, "one");
    Object[] expected = written.values().clone();
    destination.upsert(TYPED, List.of(written, Row.of(2L, null, null, null, null, null, null, null, null, null, null,
        null, null, null)));
    List<Map<String, Object>> rows = readBack("typed");
    assertThat(rows).hasSize(2);
    for (int i = 0; i < TYPED.columns().size(); i++) {
      String column = TYPED.columns().get(i).name();
      Object actual = rows.get(0).get(column);
      if (expected[i] instanceof float[] vector) {
        assertThat((float[]) actual).as(column).containsExactly(vector);
      } else if (expected[i] instanceof byte[] bytes) {
        assertThat((byte[]) actual).as(column).containsExactly(bytes);
      } else if (expected[i] instanceof BigDecimal decimal) {
        assertThat((BigDecimal) actual).as(column).isEqualByComparingTo(decimal);
      } else {
        assertThat(actual).as(column).isEqualTo(expected[i]);
      }
      if (i > 0) {
        assertThat(rows.get(1).get(column)).as("null " + column).isNull();
      }
    }
  }

  /**
   * Floats keep every bit: the sign of a zero (in scalars and inside vectors, new rows and
   * updates, after the destination is closed and opened again), and 768-float vectors of full
   * precision. DuckDB 1.5 turned a {@code 0.0} into {@code -0.0} at a checkpoint when the column
   * held both, and its {@code INSERT … ON CONFLICT} turns a {@code -0.0} in a FLOAT[] into
   * {@code 0.0}; an update changing only a zero's sign is a change ({@code -0.0 = 0.0} in SQL).
   */
  @Test
  void floatsKeepEveryBitIncludingTheSignOfZero() {
    TableSchema floats = new TableSchema(TableId.of("floats"), List.of(
        new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
        new ColumnSpec("f", new LogicalType.FloatType(), true, "float"),
        new ColumnSpec("d", new LogicalType.DoubleType(), true, "double"),
        new ColumnSpec("v", LogicalType.VectorType.of(768), true, "vector(768)")), List.of("id"), Optional.empty());
    java.util.Random random = new java.util.Random(768);
    float[] big = new float[768];
    for (int i = 0; i < big.length; i++) {
      big[i] = Float.intBitsToFloat(random.nextInt(0x7f000000)) * (random.nextBoolean() ? 1 : -1);
    }
    big[0] = -0.0f;
    big[1] = 0.0f;
    float[] zeros = new float[768];
    zeros[0] = -0.0f;
    destination.prepare(floats);
    destination.upsert(floats, List.of(Row.of(1L, -0.0f, -0.0d, big.clone()), Row.of(2L, 0.0f, 0.0d, zeros.clone())));
    assertThat(destination.upsert(floats, List.of(Row.of(3L, -0.0f, -0.0d, zeros.clone()))).changed()).isEqualTo(1);
    float[] flipped = zeros.clone();
    flipped[0] = 0.0f;
    flipped[1] = -0.0f;
    assertThat(destination.upsert(floats, List.of(Row.of(2L, -0.0f, 0.0d, flipped.clone()))).changed())
        .as("a change of a zero's sign is a change").isEqualTo(countsOnlyChangedRows() ? 1 : 1);
    // A key twice in one batch: the last row wins, its signed zeros too.
    destination.upsert(floats, List.of(Row.of(4L, 1.0f, 1.0d, big.clone()), Row.of(4L, -0.0f, -0.0d, flipped.clone())));
    destination.close();
    destination = newDestination();
    destination.prepare(floats);
    List<Map<String, Object>> rows = readBack("floats");
    assertThat(rows).hasSize(4);
    assertBits(rows.get(0), -0.0f, -0.0d, big);
    assertBits(rows.get(1), -0.0f, 0.0d, flipped);
    assertBits(rows.get(2), -0.0f, -0.0d, zeros);
    assertBits(rows.get(3), -0.0f, -0.0d, flipped);
  }

  private static void assertBits(Map<String, Object> row, float f, double d, float[] v) {
    assertThat(Float.floatToRawIntBits((Float) row.get("f"))).as("f of " + row.get("id"))
        .isEqualTo(Float.floatToRawIntBits(f));
    assertThat(Double.doubleToRawLongBits((Double) row.get("d"))).as("d of " + row.get("id"))
        .isEqualTo(Double.doubleToRawLongBits(d));
    float[] actual = (float[]) row.get("v");
    assertThat(actual).hasSize(v.length);
    for (int i = 0; i < v.length; i++) {
      assertThat(Float.floatToRawIntBits(actual[i])).as("v[" + i + "] of " + row.get("id"))
          .isEqualTo(Float.floatToRawIntBits(v[i]));
    }
  }

  @Test
  void upsertingTheSameKeyLeavesOneRowWithTheLatestValues() {
    destination.prepare(TYPED);
    destination.upsert(TYPED, List.of(typedRow(1, "first"), typedRow(2, "other")));
    destination.upsert(TYPED, List.of(typedRow(1, "second")));
    destination.upsert(TYPED, List.of(typedRow(3, "a"), typedRow(3, "b")));
    List<Map<String, Object>> rows = readBack("typed");
    assertThat(rows).extracting(r -> r.get("id") + ":" + r.get("text")).containsExactly("1:second", "2:other", "3:b");
  }

  /** A destination that writes a batch of new keys a faster way must still keep a repeated key's last row. */
  @Test
  void aFirstBatchThatRepeatsAKeyKeepsItsLastRowAndCountsItOnce() {
    destination.prepare(TYPED);
    Written written = destination.upsert(TYPED, List.of(typedRow(7, "first"), typedRow(8, "x"), typedRow(7, "last")));
    assertThat(readBack("typed")).extracting(r -> r.get("id") + ":" + r.get("text")).containsExactly("7:last", "8:x");
    if (countsOnlyChangedRows()) {
      assertThat(written).isEqualTo(Written.inserted(2));
    }
  }

  /** Batches of new keys and batches that touch existing ones, alternating: every latest value lands. */
  @Test
  void batchesAlternatingBetweenNewAndExistingKeysEndWithEveryLatestValue() {
    destination.prepare(TYPED);
    destination.upsert(TYPED, List.of(typedRow(1, "a"), typedRow(2, "b")));
    Written touched = destination.upsert(TYPED, List.of(typedRow(2, "b2"), typedRow(3, "c")));
    destination.upsert(TYPED, List.of(typedRow(4, "d"), typedRow(5, "e")));
    destination.upsert(TYPED, List.of(typedRow(5, "e2"), typedRow(6, "f")));
    Written again = destination.upsert(TYPED, List.of(typedRow(7, "g")));
    assertThat(readBack("typed")).extracting(r -> r.get("id") + ":" + r.get("text"))
        .containsExactly("1:a", "2:b2", "3:c", "4:d", "5:e2", "6:f", "7:g");
    if (countsOnlyChangedRows()) {
      assertThat(touched).isEqualTo(new Written(1, 1, 0));
      assertThat(again).isEqualTo(Written.inserted(1));
    }
  }

  @Test
  void aReplayedBatchChangesNoValue() {
    destination.prepare(TYPED);
    List<Row> batch = new ArrayList<>();
    for (long i = 0; i < 500; i++) {
      batch.add(typedRow(i, "row" + i));
    }
    destination.upsert(TYPED, copy(batch));
    List<Map<String, Object>> once = withoutSynced(readBack("typed"));
    // A replay happens in a new run after a crash: prepare again, then the same batch.
    destination = newDestination();
    destination.prepare(TYPED);
    destination.upsert(TYPED, copy(batch));
    assertThat(comparable(withoutSynced(readBack("typed")))).isEqualTo(comparable(once));
    assertThat(once).hasSize(500);
  }

  @Test
  void prepareAddsNewColumnsAndKeepsExistingData() {
    TableSchema small = new TableSchema(TableId.of("evolving"), List.of(
        new ColumnSpec("id", new LogicalType.IntType(), false, "int"),
        new ColumnSpec("a", new LogicalType.StringType(), true, "text")), List.of("id"), Optional.empty());
    destination.prepare(small);
    destination.upsert(small, List.of(Row.of(1, "kept")));
    TableSchema wider = new TableSchema(small.table(), List.of(small.columns().get(0), small.columns().get(1),
        new ColumnSpec("b", new LogicalType.LongType(), true, "bigint")), List.of("id"), Optional.empty());
    destination.prepare(wider);
    destination.upsert(wider, List.of(Row.of(2, "new", 7L)));
    List<Map<String, Object>> rows = readBack("evolving");
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0)).containsEntry("a", "kept").containsEntry("b", null);
    assertThat(rows.get(1)).containsEntry("b", 7L);
  }

  static TableSchema widening(LogicalType key, LogicalType n, LogicalType amount, LogicalType note) {
    return new TableSchema(TableId.of("widening"), List.of(
        new ColumnSpec("id", key, false, key.toString()),
        new ColumnSpec("n", n, true, n.toString()),
        new ColumnSpec("amount", amount, true, amount.toString()),
        new ColumnSpec("note", note, true, note.toString())), List.of("id"), Optional.empty());
  }

  @Test
  void prepareWidensColumnsTheSourceWidenedKeysIncluded() {
    TableSchema narrow = widening(new LogicalType.IntType(), new LogicalType.IntType(),
        new LogicalType.DecimalType(10, 2), new LogicalType.StringType());
    destination.prepare(narrow);
    destination.upsert(narrow, List.of(Row.of(1, 7, new BigDecimal("12345678.91"), "kept")));
    TableSchema wide = widening(new LogicalType.LongType(), new LogicalType.LongType(),
        new LogicalType.DecimalType(14, 4), new LogicalType.StringType());
    destination.prepare(wide);
    destination.upsert(wide, List.of(Row.of(5_000_000_000L, 5_000_000_000L, new BigDecimal("1234567890.1234"), "wide")));
    // The source narrows again: the wider columns stay and take the narrower values.
    destination.prepare(narrow);
    destination.upsert(narrow, List.of(Row.of(2, -1, new BigDecimal("0.50"), "narrow again")));
    List<Map<String, Object>> rows = readBack("widening");
    assertThat(rows).extracting(r -> ((Number) r.get("id")).longValue() + ":" + ((Number) r.get("n")).longValue()
        + ":" + ((BigDecimal) r.get("amount")).stripTrailingZeros().toPlainString() + ":" + r.get("note"))
        .containsExactly("1:7:12345678.91:kept", "2:-1:0.5:narrow again",
            "5000000000:5000000000:1234567890.1234:wide");
    assertThat(rows.get(2).get("n")).isInstanceOf(Long.class);
  }

  @Test
  void anIncompatibleTypeChangeIsAClearTableErrorAndKeepsTheData() {
    TableSchema before = widening(new LogicalType.IntType(), new LogicalType.IntType(),
        new LogicalType.DecimalType(10, 2), new LogicalType.StringType());
    destination.prepare(before);
    destination.upsert(before, List.of(Row.of(1, 7, new BigDecimal("1.25"), "kept")));
    TableSchema changed = widening(new LogicalType.IntType(), new LogicalType.JsonType(),
        new LogicalType.DecimalType(10, 2), new LogicalType.IntType());
    assertThatThrownBy(() -> destination.prepare(changed))
        .isInstanceOf(DestinationException.class)
        .satisfies(e -> assertThat(((DestinationException) e).isTransient()).isFalse())
        .hasMessageContaining("widening").hasMessageContaining("column n").hasMessageContaining("column note");
    destination.prepare(before);
    assertThat(readBack("widening")).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("note", "kept").containsEntry("n", 7));
  }

  @Test
  void tablesNamedWithReservedWordsWork() {
    for (String name : List.of("user", "order", "Mixed Case", "a\"b")) {
      TableSchema table = new TableSchema(TableId.of(name), List.of(
          new ColumnSpec("select", new LogicalType.IntType(), false, "int"),
          new ColumnSpec("from", new LogicalType.StringType(), true, "text")), List.of("select"), Optional.empty());
      destination.prepare(table);
      destination.upsert(table, List.of(Row.of(1, name)));
      destination.upsert(table, List.of(Row.of(1, name + "!")));
    }
    for (String name : List.of("user", "order", "Mixed Case", "a\"b")) {
      assertThat(readBack(name)).as(name).singleElement().satisfies(r -> assertThat(r).containsEntry("from", name + "!"));
      destination = newDestination();
    }
  }

  @Test
  void compositeKeysAndOddNamesWork() {
    TableSchema odd = new TableSchema(TableId.of("select"), List.of(
        new ColumnSpec("k 1", new LogicalType.IntType(), false, "int"),
        new ColumnSpec("k\"2", new LogicalType.StringType(), false, "varchar"),
        new ColumnSpec("order", new LogicalType.StringType(), true, "varchar")), List.of("k 1", "k\"2"), Optional.empty());
    destination.prepare(odd);
    destination.upsert(odd, List.of(Row.of(1, "a", "x"), Row.of(1, "b", "y")));
    destination.upsert(odd, List.of(Row.of(1, "a", "z")));
    assertThat(readBack("select")).extracting(r -> r.get("k 1") + r.get("k\"2").toString() + r.get("order"))
        .containsExactly("1az", "1by");
  }

  @Test
  void aValueOfTheWrongTypeIsAPermanentError() {
    destination.prepare(TYPED);
    Row bad = typedRow(1, "x");
    bad.values()[3] = "not an int";
    assertThatThrownBy(() -> destination.upsert(TYPED, List.of(bad)))
        .isInstanceOf(DestinationException.class)
        .satisfies(e -> assertThat(((DestinationException) e).isTransient()).isFalse())
        .hasMessageContaining("typed");
  }

  @Test
  void upsertCountsNewAndUpdatedRowsApartAndOnlyRowsThatChanged() {
    destination.prepare(TYPED);
    assertThat(destination.upsert(TYPED, List.of(typedRow(1, "a"), typedRow(2, "b"))))
        .isEqualTo(countsOnlyChangedRows() ? Written.inserted(2) : Written.unsorted(2));
    assertThat(destination.upsert(TYPED, List.of(typedRow(1, "a"), typedRow(2, "changed"), typedRow(3, "new"))))
        .isEqualTo(countsOnlyChangedRows() ? new Written(1, 1, 0) : Written.unsorted(3));
  }

  @Test
  void liveKeysPageThroughKeysAndMarkDeletedKeepsValuesUntilAnUpsertRevives() {
    TableSchema pair = new TableSchema(TableId.of("pairs"), List.of(
        new ColumnSpec("a", new LogicalType.IntType(), false, "int"),
        new ColumnSpec("b", new LogicalType.StringType(), false, "varchar"),
        new ColumnSpec("v", new LogicalType.StringType(), true, "varchar")), List.of("a", "b"), Optional.empty());
    destination.prepare(pair);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(Row.of(i % 5, "k" + i, "v" + i));
    }
    destination.upsert(pair, rows);
    List<List<Object>> seen = new ArrayList<>();
    Optional<List<Object>> after = Optional.empty();
    for (List<List<Object>> page = destination.liveKeys(pair, after, 7); !page.isEmpty();
        page = destination.liveKeys(pair, after, 7)) {
      seen.addAll(page);
      after = Optional.of(page.get(page.size() - 1));
    }
    assertThat(seen).hasSize(25).doesNotHaveDuplicates().contains(List.of(0, "k0"), List.of(4, "k24"));
    assertThat(destination.markDeleted(pair, List.of(List.of(0, "k0"), List.of(1, "k1"), List.of(9, "nope")))).isEqualTo(2);
    assertThat(destination.markDeleted(pair, List.of(List.of(0, "k0")))).isZero();
    assertThat(destination.liveKeys(pair, Optional.empty(), 100)).hasSize(23).doesNotContain(List.of(0, "k0"));
    assertThat(destination.upsert(pair, List.of(Row.of(1, "k1", "v1"))).changed()).as("a revived row is written").isEqualTo(1);
    List<Map<String, Object>> back = readBack("pairs");
    assertThat(back).filteredOn(r -> r.get("b").equals("k0")).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("_fivetran_deleted", true).containsEntry("v", "v0"));
    assertThat(back).filteredOn(r -> r.get("b").equals("k1")).singleElement()
        .satisfies(r -> assertThat(r).containsEntry("_fivetran_deleted", false));
  }

  private static List<Row> copy(List<Row> rows) {
    return rows.stream().map(r -> new Row(r.values().clone())).toList();
  }

  private static List<Map<String, Object>> withoutSynced(List<Map<String, Object>> rows) {
    rows.forEach(r -> r.remove("_fivetran_synced"));
    return rows;
  }

  private static List<String> comparable(List<Map<String, Object>> rows) {
    return rows.stream().map(r -> {
      StringBuilder s = new StringBuilder();
      r.forEach((k, v) -> s.append(k).append('=').append(v instanceof float[] f ? java.util.Arrays.toString(f)
          : v instanceof byte[] b ? java.util.Arrays.toString(b) : String.valueOf(v)).append(';'));
      return s.toString();
    }).toList();
  }
}
