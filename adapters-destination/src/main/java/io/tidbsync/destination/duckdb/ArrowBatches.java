package io.tidbsync.destination.duckdb;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.duckdb.DuckDBConnection;

/**
 * Hands a batch of rows to DuckDB as one Arrow record batch through the Arrow C stream interface:
 * the rows are set column by column into off-heap vectors, registered as the temporary view
 * {@link #VIEW}, and DuckDB reads them in one SQL statement (an INSERT … SELECT or a MERGE) with
 * its own vectorized insert, instead of a native call per value through the row Appender. The
 * batch is freed when the statement returns.
 */
final class ArrowBatches implements AutoCloseable {
  /** The view a statement reads the batch from. */
  static final String VIEW = "_tidbsync_batch";

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ArrowBatches.class);

  private final BufferAllocator allocator = new RootAllocator();

  /** A table's batch layout: the Arrow schema and a setter per column. */
  static final class Layout {
    final TableSchema table;
    final Schema schema;
    final ArrowColumns.Setter[] setters;

    Layout(TableSchema table) {
      this.table = table;
      List<Field> fields = new ArrayList<>();
      setters = new ArrowColumns.Setter[table.columns().size()];
      for (int i = 0; i < setters.length; i++) {
        ColumnSpec column = table.columns().get(i);
        fields.add(ArrowColumns.field(column.name(), column.type()));
        setters[i] = ArrowColumns.setter(column.type());
      }
      schema = new Schema(fields);
    }
  }

  /** A statement that reads {@link #VIEW} once. */
  @FunctionalInterface
  interface Statement<T> {
    T run() throws SQLException;
  }

  /**
   * Registers the rows as {@link #VIEW} on the connection, runs the statement, and frees the batch.
   *
   * @throws IllegalArgumentException naming the column and row of a value that does not fit its column
   */
  <T> T with(DuckDBConnection c, Layout layout, List<Row> rows, Statement<T> statement) throws SQLException {
    try (OneBatchReader reader = new OneBatchReader(allocator, layout.schema);
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator)) {
      fill(reader.getVectorSchemaRoot(), layout, rows);
      Data.exportArrayStream(allocator, reader, stream);
      c.registerArrowStream(VIEW, stream);
      return statement.run();
    } catch (java.io.IOException e) {
      throw new SQLException("freeing an Arrow batch: " + e.getMessage(), e);
    }
  }

  private static void fill(VectorSchemaRoot root, Layout layout, List<Row> rows) {
    int n = rows.size();
    for (FieldVector vector : root.getFieldVectors()) {
      vector.setInitialCapacity(n);
      vector.allocateNew();
    }
    ArrowColumns.Setter[] setters = layout.setters;
    FieldVector[] vectors = root.getFieldVectors().toArray(new FieldVector[0]);
    // Row by row: each row's values are read while they are in the cache; the vectors are written in order.
    for (int i = 0; i < n; i++) {
      Object[] values = rows.get(i).values();
      for (int c = 0; c < setters.length; c++) {
        Object value = values[c];
        if (value == null) {
          vectors[c].setNull(i);
          continue;
        }
        try {
          setters[c].set(vectors[c], i, value);
        } catch (RuntimeException e) {
          throw new IllegalArgumentException("column " + layout.table.columns().get(c).name() + ", row "
              + (i + 1) + " of the batch: " + (e instanceof ClassCastException
                  ? "a " + value.getClass().getSimpleName() + " value does not match its type "
                      + layout.table.columns().get(c).type()
                  : e.getMessage()), e);
        }
      }
    }
    root.setRowCount(n);
  }

  @Override
  public void close() {
    try {
      allocator.close();
    } catch (IllegalStateException e) {
      LOG.warn("Arrow memory not freed at close: {}", e.getMessage());
    }
  }
}
