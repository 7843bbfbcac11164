package io.tidbsync.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full-precision float32 embeddings are not stored with ALP-RD, which DuckDB otherwise picks for
 * them and which made vector files larger and their load slower (see
 * {@code DuckDbDestination.avoidAlpRdForVectors}).
 */
class VectorCompressionTest {
  @TempDir
  Path folder;

  @Test
  void vectorSegmentsAreNeverAlpRd() throws Exception {
    Random random = new Random(7);
    Set<String> methods = storedWith(LogicalType.VectorType.of(64), () -> {
      float[] v = new float[64];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) random.nextGaussian();
      }
      return v;
    }, "FLOAT");
    assertThat(methods).isNotEmpty().doesNotContain("ALPRD");
  }

  /** The control: without a vector table DuckDB keeps its choice, ALP-RD for such doubles. */
  @Test
  void withoutVectorsFullPrecisionDoublesStillGetAlpRd() throws Exception {
    Random random = new Random(7);
    Set<String> methods = storedWith(new LogicalType.DoubleType(), random::nextGaussian, "DOUBLE");
    assertThat(methods).contains("ALPRD");
  }

  /** Loads 20,000 rows of {@code values} through the destination and lists the column's compressions. */
  private Set<String> storedWith(LogicalType type, java.util.function.Supplier<Object> values, String segmentType)
      throws Exception {
    Path file = folder.resolve("w.duckdb");
    TableSchema schema = new TableSchema(TableId.of("t"), List.of(
        new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
        new ColumnSpec("v", type, true, "x")), List.of("id"), Optional.empty());
    try (DuckDbDestination destination = new DuckDbDestination(new DuckDbConfig(file, "main", null, null, "128MB"))) {
      destination.prepare(schema);
      List<Row> rows = new ArrayList<>();
      for (long id = 1; id <= 20_000; id++) {
        rows.add(new Row(new Object[] {id, values.get()}));
      }
      destination.upsert(schema, rows);
    }
    Set<String> methods = new TreeSet<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement st = c.createStatement()) {
      st.execute("CHECKPOINT");
      try (ResultSet rs = st.executeQuery("SELECT DISTINCT compression FROM pragma_storage_info('t') "
          + "WHERE column_name = 'v' AND segment_type = '" + segmentType + "'")) {
        while (rs.next()) {
          methods.add(rs.getString(1));
        }
      }
    }
    return methods;
  }
}
