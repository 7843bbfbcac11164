package io.tidbsync.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import java.math.BigDecimal;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;

class ArrowBatchesTest {
  private static final TableSchema T = new TableSchema(TableId.of("t"), List.of(
      new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
      new ColumnSpec("price", new LogicalType.DecimalType(12, 2), true, "decimal(12,2)"),
      new ColumnSpec("v", LogicalType.VectorType.of(3), true, "vector(3)")), List.of("id"), Optional.empty());

  @Test
  void aBatchIsReadByDuckDbAsTheColumnsTypesWithNullsAndRescaledDecimals() throws Exception {
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        ArrowBatches batches = new ArrowBatches()) {
      String read = batches.with(c, new ArrowBatches.Layout(T), List.of(
          Row.of(1L, new BigDecimal("1.5"), new float[] {-0.0f, 1f, 2f}), Row.of(2L, null, null)), () -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT typeof(price), typeof(v), "
                + "string_agg(id || ':' || coalesce(price::VARCHAR, 'null') || ':' || coalesce(v::VARCHAR, 'null'), ' ' ORDER BY id) "
                + "FROM " + ArrowBatches.VIEW + " GROUP BY ALL")) {
              rs.next();
              return rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3);
            }
          });
      assertThat(read).isEqualTo("DECIMAL(12,2) FLOAT[3] 1:1.50:[-0.0, 1.0, 2.0] 2:null:null");
    }
  }

  @Test
  void aValueThatDoesNotFitItsColumnIsRefusedNamingColumnAndRow() throws Exception {
    try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        ArrowBatches batches = new ArrowBatches()) {
      ArrowBatches.Layout layout = new ArrowBatches.Layout(T);
      assertThatThrownBy(() -> batches.with(c, layout, List.of(Row.of(1L, null, null),
          Row.of(2L, new BigDecimal("1.234"), null)), () -> null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("column price, row 2 of the batch").hasMessageContaining("1.234");
      assertThatThrownBy(() -> batches.with(c, layout, List.of(Row.of(1L, null, new float[2])), () -> null))
          .hasMessageContaining("column v, row 1").hasMessageContaining("2 floats does not fit FLOAT[3]");
      assertThatThrownBy(() -> batches.with(c, layout, List.of(Row.of("x", null, null)), () -> null))
          .hasMessageContaining("column id, row 1").hasMessageContaining("String value does not match");
    }
  }

  /**
   * Vectors are copied into Arrow in bulk, their validity a byte at a time where rows start on a
   * byte of the bitmap: every float arrives, in its row, for dimensions that do and do not fill
   * whole bytes, around a NULL vector.
   */
  @Test
  void vectorsArriveWholeWhateverTheirDimension() throws Exception {
    for (int dimension : new int[] {1, 8, 12, 16, 20, 768}) {
      TableSchema schema = new TableSchema(TableId.of("t"), List.of(
          new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
          new ColumnSpec("v", LogicalType.VectorType.of(dimension), true, "vector(" + dimension + ")")),
          List.of("id"), Optional.empty());
      java.util.Random random = new java.util.Random(dimension);
      List<Row> rows = new java.util.ArrayList<>();
      StringBuilder expected = new StringBuilder();
      for (long id = 1; id <= 7; id++) {
        float[] v = null;
        if (id != 3) {
          v = new float[dimension];
          for (int j = 0; j < dimension; j++) {
            v[j] = j == 0 && id == 2 ? -0.0f : (float) random.nextGaussian();
          }
        }
        rows.add(Row.of(id, v));
        expected.append(id).append(':').append(v == null ? "null" : java.util.Arrays.toString(v)).append('\n');
      }
      try (DuckDBConnection c = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
          ArrowBatches batches = new ArrowBatches()) {
        String read = batches.with(c, new ArrowBatches.Layout(schema), rows, () -> {
          StringBuilder got = new StringBuilder();
          try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
              "SELECT id, v FROM " + ArrowBatches.VIEW + " ORDER BY id")) {
            while (rs.next()) {
              java.sql.Array array = rs.getArray(2);
              Object[] floats = array == null ? null : (Object[]) array.getArray();
              got.append(rs.getLong(1)).append(':');
              if (floats == null) {
                got.append("null");
              } else {
                float[] f = new float[floats.length];
                for (int j = 0; j < f.length; j++) {
                  f[j] = (Float) floats[j];
                }
                got.append(java.util.Arrays.toString(f));
              }
              got.append('\n');
            }
          }
          return got.toString();
        });
        assertThat(read).as("dimension %d", dimension).isEqualTo(expected.toString());
      }
    }
  }
}
