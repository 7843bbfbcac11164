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
}
