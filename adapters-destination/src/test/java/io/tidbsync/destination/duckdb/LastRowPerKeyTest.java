package io.tidbsync.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LastRowPerKeyTest {
  /** Keyed by (b, a), the key's columns in another order than the table's. */
  private static final TableSchema T = new TableSchema(TableId.of("t"), List.of(
      new ColumnSpec("a", new LogicalType.IntType(), false, "int"),
      new ColumnSpec("v", new LogicalType.IntType(), true, "int"),
      new ColumnSpec("b", new LogicalType.BinaryType(), false, "varbinary")), List.of("b", "a"), Optional.empty());

  private static Row row(int a, int b, int v) {
    return Row.of(a, v, new byte[] {(byte) b});
  }

  @Test
  void keepsTheLastRowOfEachKeyInBatchOrderAsAModelDoes() {
    // Each element: a key drawn from 3 × 3 values, the row's place in the batch is its value.
    qt().forAll(lists().of(integers().between(0, 8)).ofSizeBetween(0, 60)).checkAssert(keys -> {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        rows.add(row(keys.get(i) / 3, keys.get(i) % 3, i));
      }
      List<Integer> expected = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        if (keys.subList(i + 1, keys.size()).indexOf(keys.get(i)) < 0) {
          expected.add(i);
        }
      }
      assertThat(LastRowPerKey.of(T, rows)).extracting(r -> (Integer) r.get(1)).containsExactlyElementsOf(expected);
    });
  }

  @Test
  void aBatchWithoutRepeatsIsReturnedAsItIs() {
    List<Row> rows = List.of(row(1, 1, 0), row(1, 2, 1), row(2, 1, 2));
    assertThat(LastRowPerKey.of(T, rows)).isSameAs(rows);
  }

  @Test
  void signedZerosAndEqualBytesAreOneKeyAsInDuckDb() {
    TableSchema floats = new TableSchema(TableId.of("f"), List.of(
        new ColumnSpec("k", new LogicalType.DoubleType(), false, "double"),
        new ColumnSpec("v", new LogicalType.IntType(), true, "int")), List.of("k"), Optional.empty());
    assertThat(LastRowPerKey.of(floats, List.of(Row.of(0.0d, 1), Row.of(-0.0d, 2))))
        .extracting(r -> (Integer) r.get(1)).containsExactly(2);
    assertThat(LastRowPerKey.of(T, List.of(row(1, 7, 1), row(1, 7, 2)))).extracting(r -> (Integer) r.get(1))
        .containsExactly(2);
  }
}
