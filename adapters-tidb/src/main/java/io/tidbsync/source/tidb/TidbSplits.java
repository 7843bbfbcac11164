package io.tidbsync.source.tidb;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Where a big table's first sync cuts its key into ranges. The number of ranges follows the
 * server's row estimate ({@code rowsPerRange} each, at most {@code maxRanges}). On TiDB the cuts
 * are the first keys of the table's storage regions ({@code TABLESAMPLE REGIONS()}), for any key:
 * integer, composite, string, AUTO_RANDOM, clustered or not, {@code _tidb_rowid}; each range then
 * lies in few regions, and the ranges follow the data, however skewed its keys are. Elsewhere, or
 * on a TiDB table still in one region, a single-column integer key is cut evenly between its
 * {@code MIN} and {@code MAX}; other keys are not cut.
 */
final class TidbSplits {
  private final KeysetQuery queries;
  private final String database;

  TidbSplits(KeysetQuery queries, String database) {
    this.queries = requireNonNull(queries, "queries is null");
    this.database = requireNonNull(database, "database is null");
  }

  List<List<Object>> points(Connection connection, DSLContext sql, TableSchema schema, long rowsPerRange,
      int maxRanges, boolean tidb) throws SQLException {
    if (rowsPerRange < 1 || maxRanges < 2) {
      return List.of();
    }
    long ranges = Math.min(maxRanges, estimatedRows(connection, sql, schema) / rowsPerRange);
    if (ranges < 2) {
      return List.of();
    }
    if (tidb) {
      List<List<Object>> starts = regionStarts(connection, schema);
      if (starts.size() >= 2) {
        // The first start is the table's first key: a cut there would make a range of one row.
        return evenlyChosen(starts.subList(1, starts.size()), (int) ranges - 1);
      }
    }
    return integerCuts(connection, sql, schema, (int) ranges);
  }

  long estimatedRows(Connection connection, DSLContext sql, TableSchema schema) throws SQLException {
    try (PreparedStatement ps = TidbSource.prepare(connection, queries.estimatedRows(sql, schema));
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  private List<List<Object>> regionStarts(Connection connection, TableSchema schema) throws SQLException {
    ColumnReader[] readers = schema.primaryKey().stream()
        .map(k -> ColumnReader.forColumn(schema.column(k))).toArray(ColumnReader[]::new);
    List<List<Object>> starts = new ArrayList<>();
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(TidbSql.regionStarts(database, schema))) {
      while (rs.next()) {
        List<Object> key = new ArrayList<>(readers.length);
        for (int i = 0; i < readers.length; i++) {
          key.add(readers[i].read(rs, i + 1));
        }
        if (starts.isEmpty() || !starts.get(starts.size() - 1).equals(key)) {
          starts.add(key);
        }
      }
    }
    return starts;
  }

  /** At most {@code wanted} of the cuts, spread evenly over them, in order. */
  static List<List<Object>> evenlyChosen(List<List<Object>> cuts, int wanted) {
    if (cuts.size() <= wanted) {
      return List.copyOf(cuts);
    }
    List<List<Object>> chosen = new ArrayList<>(wanted);
    for (int k = 1; k <= wanted; k++) {
      chosen.add(cuts.get((int) ((long) k * cuts.size() / (wanted + 1))));
    }
    return chosen;
  }

  private List<List<Object>> integerCuts(Connection connection, DSLContext sql, TableSchema schema, int ranges)
      throws SQLException {
    if (schema.primaryKey().size() != 1) {
      return List.of();
    }
    LogicalType keyType = schema.column(schema.primaryKey().get(0)).type();
    if (!(keyType instanceof LogicalType.LongType || keyType instanceof LogicalType.IntType
        || keyType instanceof LogicalType.ShortType)) {
      return List.of();
    }
    try (PreparedStatement ps = TidbSource.prepare(connection, queries.keyBounds(sql, schema));
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next() || rs.getObject(1) == null) {
        return List.of();
      }
      return KeyRanges.evenCuts(rs.getLong(1), rs.getLong(2), ranges, keyType);
    }
  }

  /** How many storage regions hold the table's rows. */
  int regionCount(Connection connection, TableSchema schema) throws SQLException {
    int count = 0;
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(TidbSql.showRegions(database, schema))) {
      while (rs.next()) {
        count++;
      }
    }
    return count;
  }
}
