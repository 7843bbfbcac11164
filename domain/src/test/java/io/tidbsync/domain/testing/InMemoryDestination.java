package io.tidbsync.domain.testing;

import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.DestinationPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.HashSet;

/** A destination keeping tables as maps from primary key to row; can be told to fail a table. */
public final class InMemoryDestination implements DestinationPort {
  private final Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
  private final Map<TableId, Map<List<Object>, Row>> tables = new LinkedHashMap<>();
  private final Set<TableId> failing = new HashSet<>();
  private long upsertedRows;

  public void failUpserts(TableId table) {
    failing.add(table);
  }

  public Map<List<Object>, Row> table(TableId table) {
    return tables.getOrDefault(table, Map.of());
  }

  public TableSchema schema(TableId table) {
    return schemas.get(table);
  }

  public long upsertedRows() {
    return upsertedRows;
  }

  @Override
  public void prepare(TableSchema schema) {
    schemas.put(schema.table(), schema);
    tables.computeIfAbsent(schema.table(), t -> new LinkedHashMap<>());
  }

  @Override
  public void upsert(TableSchema schema, List<Row> rows) {
    if (failing.contains(schema.table())) {
      throw new DestinationException("injected failure for " + schema.table(), Transience.PERMANENT);
    }
    Map<List<Object>, Row> table = tables.get(schema.table());
    if (table == null) {
      throw new DestinationException("table " + schema.table() + " was not prepared", Transience.PERMANENT);
    }
    for (Row row : rows) {
      table.put(keyOf(schema, row), new Row(row.values().clone()));
      upsertedRows++;
    }
  }

  /** The key of a row as a list that compares by value (arrays wrapped). */
  public static List<Object> keyOf(TableSchema schema, Row row) {
    List<Object> key = new ArrayList<>();
    for (int index : schema.primaryKeyIndexes()) {
      Object value = row.get(index);
      key.add(value instanceof byte[] bytes ? Arrays.toString(bytes) : value);
    }
    return key;
  }

  @Override
  public void close() {}
}
