package io.tidbsync.domain.testing;

import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.TableDiscovery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source over in-memory tables whose rows hold canonical values. Each read returns copies of the
 * row arrays, as a real source hands over fresh arrays.
 */
public final class InMemorySource implements SourcePort {
  private final Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
  private final Map<TableId, List<Row>> rows = new LinkedHashMap<>();
  private boolean unreachable;
  private int reads;

  public InMemorySource table(TableSchema schema, List<Row> tableRows) {
    schemas.put(schema.table(), schema);
    rows.put(schema.table(), new ArrayList<>(tableRows));
    return this;
  }

  public void insert(TableId table, Row row) {
    rows.get(table).add(row);
  }

  public List<Row> rows(TableId table) {
    return rows.get(table);
  }

  public void unreachable(boolean value) {
    unreachable = value;
  }

  public int reads() {
    return reads;
  }

  @Override
  public List<TableId> listTables() {
    checkReachable();
    return List.copyOf(schemas.keySet());
  }

  @Override
  public List<TableDiscovery> describe(List<TableRequest> requests) {
    checkReachable();
    List<TableDiscovery> out = new ArrayList<>();
    for (TableRequest request : requests) {
      TableSchema schema = schemas.get(request.table());
      if (schema == null) {
        out.add(new TableDiscovery.Undescribable(request.table(), "table does not exist"));
      } else if (schema.indexOf(request.cursorColumn()) < 0) {
        out.add(new TableDiscovery.Undescribable(
            request.table(), "cursor column " + request.cursorColumn() + " does not exist"));
      } else {
        List<String> key = request.primaryKey().isEmpty() ? schema.primaryKey() : request.primaryKey();
        out.add(new TableDiscovery.Described(new TableSchema(
            schema.table(), schema.columns(), key, java.util.Optional.of(request.cursorColumn()))));
      }
    }
    return out;
  }

  @Override
  public RowStream read(ReadRequest request) {
    checkReachable();
    reads++;
    TableSchema schema = request.schema();
    List<Row> selected = new ArrayList<>();
    for (Row row : rows.get(schema.table())) {
      Object cursor = row.get(schema.cursorIndex());
      if (cursor != null
          && request.after().map(p -> Keyset.after(schema, row, p)).orElse(true)) {
        selected.add(row);
      }
    }
    selected.sort(Keyset.order(schema));
    Iterator<Row> it = selected.stream().limit(request.limit()).iterator();
    return new RowStream() {
      @Override
      public Row next() {
        return it.hasNext() ? new Row(it.next().values().clone()) : null;
      }

      @Override
      public void close() {}
    };
  }

  private void checkReachable() {
    if (unreachable) {
      throw new SourceUnreachableException("cannot connect to in-memory source", null);
    }
  }

  @Override
  public void close() {}
}
