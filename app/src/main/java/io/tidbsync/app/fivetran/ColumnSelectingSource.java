package io.tidbsync.app.fivetran;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.TableDiscovery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A source whose tables leave out the columns Fivetran's selection deselected: they are dropped
 * from the described schema, so they are never in a SELECT. Key and cursor columns always stay
 * (the sync cannot run without them).
 */
final class ColumnSelectingSource implements SourcePort {
  private final SourcePort delegate;
  private final FivetranSelection selection;

  ColumnSelectingSource(SourcePort delegate, FivetranSelection selection) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.selection = requireNonNull(selection, "selection is null");
  }

  @Override
  public List<TableDiscovery> describe(List<TableRequest> requests) {
    List<TableDiscovery> out = new ArrayList<>();
    for (TableDiscovery discovery : delegate.describe(requests)) {
      out.add(discovery instanceof TableDiscovery.Described d ? new TableDiscovery.Described(narrow(d.schema())) : discovery);
    }
    return out;
  }

  private TableSchema narrow(TableSchema schema) {
    List<ColumnSpec> kept = new ArrayList<>();
    for (ColumnSpec column : schema.columns()) {
      boolean needed = schema.primaryKey().contains(column.name()) || schema.cursor().filter(column.name()::equals).isPresent();
      if (needed || selection.columnSelected(schema.table().name(), column.name())) {
        kept.add(column);
      }
    }
    return kept.size() == schema.columns().size() ? schema
        : new TableSchema(schema.table(), kept, schema.primaryKey(), schema.cursor());
  }

  @Override
  public List<TableId> listTables() {
    return delegate.listTables();
  }

  @Override
  public RowStream read(ReadRequest request) {
    return delegate.read(request);
  }

  @Override
  public RowStream readKeys(TableSchema schema, List<List<Object>> keys, boolean keyColumnsOnly) {
    return delegate.readKeys(schema, keys, keyColumnsOnly);
  }

  @Override
  public Optional<Instant> commitWatermark() {
    return delegate.commitWatermark();
  }

  @Override
  public List<List<Object>> splitPoints(TableSchema schema, long rowsPerRange, int maxRanges) {
    return delegate.splitPoints(schema, rowsPerRange, maxRanges);
  }

  @Override
  public Optional<Object> maxCursor(TableSchema schema, Object upTo) {
    return delegate.maxCursor(schema, upTo);
  }

  @Override
  public long countNullCursor(TableSchema schema) {
    return delegate.countNullCursor(schema);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
