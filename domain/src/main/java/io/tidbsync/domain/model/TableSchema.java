package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A table as the source describes it: columns in ordinal order, the primary key (column names, in
 * key order) and the cursor column that orders incremental reads. Rows of this table are arrays
 * aligned with {@link #columns()}.
 */
public record TableSchema(
    TableId table, List<ColumnSpec> columns, List<String> primaryKey, Optional<String> cursor) {

  public TableSchema {
    requireNonNull(table, "table is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    primaryKey = List.copyOf(requireNonNull(primaryKey, "primaryKey is null"));
    requireNonNull(cursor, "cursor is null");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("table " + table + " has no columns");
    }
    for (int i = 0; i < columns.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (columns.get(i).name().equals(columns.get(j).name())) {
          throw new IllegalArgumentException(
              "table " + table + " has column " + columns.get(i).name() + " twice");
        }
      }
    }
    for (String key : primaryKey) {
      if (indexOf(columns, key) < 0) {
        throw new IllegalArgumentException(
            "table " + table + ": primary key column " + key + " does not exist");
      }
    }
    if (cursor.isPresent() && indexOf(columns, cursor.get()) < 0) {
      throw new IllegalArgumentException(
          "table " + table + ": cursor column " + cursor.get() + " does not exist");
    }
  }

  private static int indexOf(List<ColumnSpec> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Position of the named column, or -1. */
  public int indexOf(String column) {
    return indexOf(columns, column);
  }

  public ColumnSpec column(String name) {
    int index = indexOf(name);
    if (index < 0) {
      throw new IllegalArgumentException("table " + table + " has no column " + name);
    }
    return columns.get(index);
  }

  /** Positions of the primary-key columns, in key order. */
  public int[] primaryKeyIndexes() {
    int[] indexes = new int[primaryKey.size()];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = indexOf(primaryKey.get(i));
    }
    return indexes;
  }

  public int cursorIndex() {
    return cursor.map(this::indexOf).orElse(-1);
  }

  public ColumnSpec cursorColumn() {
    return column(cursor.orElseThrow(() -> new IllegalStateException(table + " has no cursor")));
  }

  /** The same table with each column's type replaced as given, positions kept. */
  public TableSchema withColumns(List<ColumnSpec> newColumns) {
    return new TableSchema(table, newColumns, primaryKey, cursor);
  }

  public List<String> columnNames() {
    List<String> names = new ArrayList<>(columns.size());
    for (ColumnSpec column : columns) {
      names.add(column.name());
    }
    return names;
  }
}
