package io.tidbsync.domain.testing;

import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.DestinationPort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A destination keeping each table as a map from primary key to row plus a deleted flag, as a
 * real destination's {@code _fivetran_deleted}. Can be told to fail a table's upserts.
 */
public final class InMemoryDestination implements DestinationPort {
  private final Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
  private final Map<TableId, TreeMap<List<Object>, Row>> tables = new LinkedHashMap<>();
  private final Map<TableId, Set<List<Object>>> deleted = new LinkedHashMap<>();
  private final Set<TableId> failing = new HashSet<>();
  private long upsertedRows;

  public synchronized void failUpserts(TableId table) {
    failing.add(table);
  }

  /** Every row, deleted ones included. */
  public synchronized Map<List<Object>, Row> table(TableId table) {
    return tables.getOrDefault(table, new TreeMap<>(Keyset::compareKeys));
  }

  /** Rows not marked deleted. */
  public synchronized Map<List<Object>, Row> liveTable(TableId table) {
    Map<List<Object>, Row> live = new LinkedHashMap<>(table(table));
    live.keySet().removeAll(deleted.getOrDefault(table, Set.of()));
    return live;
  }

  public synchronized Set<List<Object>> deletedKeys(TableId table) {
    return deleted.getOrDefault(table, Set.of());
  }

  public synchronized TableSchema schema(TableId table) {
    return schemas.get(table);
  }

  public synchronized long upsertedRows() {
    return upsertedRows;
  }

  /** The identity of each table, made when the table is created, as a real destination keeps it. */
  private final Map<TableId, String> identities = new LinkedHashMap<>();

  /** Forgets a table and everything in it, as a dropped destination table. */
  public synchronized void drop(TableId table) {
    schemas.remove(table);
    tables.remove(table);
    deleted.remove(table);
    identities.remove(table);
  }

  @Override
  public synchronized io.tidbsync.domain.model.PreparedTable prepare(TableSchema schema) {
    TableSchema before = schemas.put(schema.table(), schema);
    boolean created = !tables.containsKey(schema.table());
    tables.computeIfAbsent(schema.table(), t -> new TreeMap<>(Keyset::compareKeys));
    deleted.computeIfAbsent(schema.table(), t -> new HashSet<>());
    String identity = identities.computeIfAbsent(schema.table(), t -> java.util.UUID.randomUUID().toString());
    List<String> added = new ArrayList<>();
    if (!created && before != null) {
      schema.columnNames().stream().filter(c -> !before.columnNames().contains(c)).forEach(added::add);
    }
    return new io.tidbsync.domain.model.PreparedTable(Optional.of(identity), created, added, List.of());
  }

  @Override
  public synchronized io.tidbsync.domain.model.Written upsert(TableSchema schema, List<Row> rows) {
    if (failing.contains(schema.table())) {
      throw new DestinationException("injected failure for " + schema.table(), Transience.PERMANENT);
    }
    TreeMap<List<Object>, Row> table = tables.get(schema.table());
    if (table == null) {
      throw new DestinationException("table " + schema.table() + " was not prepared", Transience.PERMANENT);
    }
    long inserted = 0;
    long updated = 0;
    for (Row row : rows) {
      List<Object> key = keyOf(schema, row);
      Row before = table.put(key, new Row(row.values().clone()));
      boolean revived = deleted.get(schema.table()).remove(key);
      if (before == null) {
        inserted++;
      } else if (revived || !Arrays.deepEquals(before.values(), row.values())) {
        updated++;
      }
      upsertedRows++;
    }
    return new io.tidbsync.domain.model.Written(inserted, updated, 0);
  }

  @Override
  public synchronized List<List<Object>> liveKeys(TableSchema schema, Optional<List<Object>> after, int limit) {
    List<List<Object>> keys = new ArrayList<>();
    TreeMap<List<Object>, Row> table = tables.get(schema.table());
    Map<List<Object>, Row> view = after.isPresent() ? table.tailMap(after.get(), false) : table;
    for (List<Object> key : view.keySet()) {
      if (!deletedKeys(schema.table()).contains(key)) {
        keys.add(key);
        if (keys.size() == limit) {
          break;
        }
      }
    }
    return keys;
  }

  @Override
  public synchronized long markDeleted(TableSchema schema, List<List<Object>> keys) {
    long marked = 0;
    for (List<Object> key : keys) {
      if (table(schema.table()).containsKey(key) && deleted.get(schema.table()).add(key)) {
        marked++;
      }
    }
    return marked;
  }

  /** The key of a row, in key order. */
  public static List<Object> keyOf(TableSchema schema, Row row) {
    return Keyset.keyOf(schema, row);
  }

  @Override
  public synchronized void close() {}
}
