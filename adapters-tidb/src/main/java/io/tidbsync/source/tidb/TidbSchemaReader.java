package io.tidbsync.source.tidb;

import static java.util.Objects.requireNonNull;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.VectorHint;
import io.tidbsync.domain.port.TableDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Discovery from {@code information_schema}: base tables, columns with types, primary keys. */
final class TidbSchemaReader {
  private static final Table<Record> TABLES = table(name("information_schema", "TABLES"));
  private static final Table<Record> COLUMNS = table(name("information_schema", "COLUMNS"));
  private static final Table<Record> KEY_USAGE = table(name("information_schema", "KEY_COLUMN_USAGE"));
  private static final Table<Record> STATISTICS = table(name("information_schema", "STATISTICS"));
  private static final Field<String> INDEX_NAME = field(name("INDEX_NAME"), String.class);
  private static final Field<Long> NON_UNIQUE = field(name("NON_UNIQUE"), Long.class);
  private static final Field<Long> SEQ_IN_INDEX = field(name("SEQ_IN_INDEX"), Long.class);
  private static final Field<String> TABLE_SCHEMA = field(name("TABLE_SCHEMA"), String.class);
  private static final Field<String> TABLE_NAME = field(name("TABLE_NAME"), String.class);
  private static final Field<String> TABLE_TYPE = field(name("TABLE_TYPE"), String.class);
  private static final Field<String> COLUMN_NAME = field(name("COLUMN_NAME"), String.class);
  private static final Field<String> DATA_TYPE = field(name("DATA_TYPE"), String.class);
  private static final Field<String> COLUMN_TYPE = field(name("COLUMN_TYPE"), String.class);
  private static final Field<String> IS_NULLABLE = field(name("IS_NULLABLE"), String.class);
  private static final Field<Long> NUMERIC_PRECISION = field(name("NUMERIC_PRECISION"), Long.class);
  private static final Field<Long> NUMERIC_SCALE = field(name("NUMERIC_SCALE"), Long.class);
  private static final Field<Long> ORDINAL_POSITION = field(name("ORDINAL_POSITION"), Long.class);
  private static final Field<String> CONSTRAINT_NAME = field(name("CONSTRAINT_NAME"), String.class);

  private final String database;
  private final TidbTypeMapping types;

  TidbSchemaReader(String database, TidbTypeMapping types) {
    this.database = requireNonNull(database, "database is null");
    this.types = requireNonNull(types, "types is null");
  }

  List<TableId> listTables(DSLContext sql) {
    return sql.select(TABLE_NAME)
        .from(TABLES)
        .where(TABLE_SCHEMA.eq(database))
        .and(TABLE_TYPE.eq("BASE TABLE"))
        .orderBy(TABLE_NAME)
        .fetch(TABLE_NAME)
        .stream()
        .map(TableId::of)
        .toList();
  }

  /**
   * TiDB's hidden row id: a table without a primary key is stored by it, and it is the key such a
   * table is synced by (selected by name, it reads like any BIGINT column), under its own name.
   */
  static final ColumnSpec TIDB_ROWID = new ColumnSpec("_tidb_rowid", new LogicalType.LongType(), false, "bigint");

  /**
   * One table's discovery; on TiDB ({@code tidb}) a table with neither a primary key nor a
   * configured one is given {@link #TIDB_ROWID} as its last column and its key.
   */
  TableDiscovery describe(DSLContext sql, TableRequest request, boolean tidb) {
    String tableName = request.table().name();
    List<ColumnSpec> columns = new ArrayList<>();
    for (Record r : sql.select(COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, NUMERIC_PRECISION, NUMERIC_SCALE)
        .from(COLUMNS)
        .where(TABLE_SCHEMA.eq(database))
        .and(TABLE_NAME.eq(tableName))
        .orderBy(ORDINAL_POSITION)
        .fetch()) {
      columns.add(new ColumnSpec(
          r.get(COLUMN_NAME),
          types.map(r.get(DATA_TYPE), r.get(COLUMN_TYPE), r.get(NUMERIC_PRECISION), r.get(NUMERIC_SCALE)),
          "YES".equals(r.get(IS_NULLABLE)),
          r.get(COLUMN_TYPE)));
    }
    if (columns.isEmpty()) {
      return new TableDiscovery.Undescribable(request.table(),
          "table " + tableName + " does not exist in database " + database);
    }
    List<String> key = request.primaryKey().isEmpty() ? primaryKey(sql, tableName) : request.primaryKey();
    if (key.isEmpty()) {
      key = uniqueNotNullKey(sql, tableName, columns);
    }
    if (key.isEmpty() && tidb && columns.stream().noneMatch(c -> c.name().equals(TIDB_ROWID.name()))) {
      columns.add(TIDB_ROWID);
      key = List.of(TIDB_ROWID.name());
    }
    List<String> names = columns.stream().map(ColumnSpec::name).toList();
    for (String column : key) {
      if (!names.contains(column)) {
        return new TableDiscovery.Undescribable(request.table(), "primary key column " + column
            + " does not exist in table " + tableName + " (columns: " + String.join(", ", names)
            + "); fix TABLES_PRIMARY_KEY_COLUMNS");
      }
    }
    // A table without any key is read whole every run: it needs no cursor.
    Optional<String> cursor = key.isEmpty() ? Optional.empty() : request.cursorColumn();
    if (cursor.isPresent() && !names.contains(cursor.get())) {
      return new TableDiscovery.Undescribable(request.table(), "cursor column " + request.cursorColumn().get()
          + " does not exist in table " + tableName + " (columns: " + String.join(", ", names)
          + "); choose one of its columns in CURSOR_COLUMNS (e.g. updated_at or an increasing id),"
          + " or list the table in FULL_REFRESH_TABLES");
    }
    if (request.vector().isPresent()) {
      Optional<String> problem = applyVectorHint(columns, request.vector().get(), tableName);
      if (problem.isPresent()) {
        return new TableDiscovery.Undescribable(request.table(), problem.get());
      }
    }
    return new TableDiscovery.Described(
        new TableSchema(request.table(), columns, key, cursor));
  }

  /** Checks the configured vector column against discovery, or marks a text column as vectors. */
  private static Optional<String> applyVectorHint(List<ColumnSpec> columns, VectorHint hint, String table) {
    for (int i = 0; i < columns.size(); i++) {
      ColumnSpec column = columns.get(i);
      if (!column.name().equals(hint.column())) {
        continue;
      }
      switch (column.type()) {
        case LogicalType.VectorType found -> {
          if (hint.dimension().isPresent() && found.dimension().isPresent()
              && hint.dimension().getAsInt() != found.dimension().getAsInt()) {
            return Optional.of("VECTOR_TABLES_DATA says " + table + "." + hint.column() + " has dimension "
                + hint.dimension().getAsInt() + ", the database says " + column.sourceType());
          }
        }
        case LogicalType.StringType text ->
            columns.set(i, column.withType(new LogicalType.VectorType(hint.dimension())));
        default -> {
          return Optional.of("VECTOR_TABLES_DATA names " + table + "." + hint.column()
              + " as a vector column, but it is " + column.sourceType());
        }
      }
      return Optional.empty();
    }
    return Optional.of("VECTOR_TABLES_DATA names vector column " + hint.column()
        + ", which does not exist in table " + table);
  }

  /**
   * The table's unique indexes (the primary key among them, as {@code PRIMARY}), each its columns
   * in index order, by index name.
   */
  java.util.Map<String, List<String>> uniqueIndexes(DSLContext sql, String tableName) {
    java.util.Map<String, List<String>> indexes = new java.util.TreeMap<>();
    for (Record r : sql.select(INDEX_NAME, COLUMN_NAME)
        .from(STATISTICS)
        .where(TABLE_SCHEMA.eq(database))
        .and(TABLE_NAME.eq(tableName))
        .and(NON_UNIQUE.eq(0L))
        .orderBy(INDEX_NAME, SEQ_IN_INDEX)
        .fetch()) {
      indexes.computeIfAbsent(r.get(INDEX_NAME), i -> new ArrayList<>()).add(r.get(COLUMN_NAME));
    }
    return indexes;
  }

  /**
   * For a table without a primary key: the unique index whose columns are all NOT NULL, fewest
   * columns first (then by name), which tells rows apart as a key does; empty when there is none.
   */
  private List<String> uniqueNotNullKey(DSLContext sql, String tableName, List<ColumnSpec> columns) {
    List<String> best = List.of();
    for (List<String> index : uniqueIndexes(sql, tableName).values()) {
      boolean notNull = index.stream().allMatch(c -> columns.stream().anyMatch(s -> s.name().equals(c) && !s.nullable()));
      if (notNull && (best.isEmpty() || index.size() < best.size())) {
        best = index;
      }
    }
    return best;
  }

  private List<String> primaryKey(DSLContext sql, String tableName) {
    return sql.select(COLUMN_NAME)
        .from(KEY_USAGE)
        .where(TABLE_SCHEMA.eq(database))
        .and(TABLE_NAME.eq(tableName))
        .and(CONSTRAINT_NAME.eq("PRIMARY"))
        .orderBy(ORDINAL_POSITION)
        .fetch(COLUMN_NAME);
  }
}
