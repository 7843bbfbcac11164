package io.tidbsync.domain.testing;

import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.Scan;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.TableDiscovery;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source over in-memory tables whose rows hold canonical values. Each read returns copies of the
 * row arrays, as a real source hands over fresh arrays. With {@link #snapshots(boolean)} it pins
 * reads to a copy of the tables taken by {@link #pinSnapshot()}, as TiDB pins them to a TSO; with
 * {@link #failReads} its next reads fail after some rows, as a server error would.
 */
public final class InMemorySource implements SourcePort {
  private final Map<TableId, TableSchema> schemas = new LinkedHashMap<>();
  private final Map<TableId, List<Row>> rows = new LinkedHashMap<>();
  private boolean snapshots;
  /** The tables as of the pinned snapshot, or null when reads see the latest rows. */
  private Map<TableId, List<Row>> pinned;
  private io.tidbsync.domain.model.SourceSnapshot snapshot;
  private long tso;
  private int renewals;
  private final java.util.ArrayDeque<io.tidbsync.domain.failure.SourceRecovery> failures = new java.util.ArrayDeque<>();
  private int failAfterRows;
  private int rowsUntilFailure;
  private final List<Integer> pageLimits = new ArrayList<>();
  private boolean unreachable;
  private java.util.Optional<java.time.Instant> watermark = java.util.Optional.empty();
  private int reads;
  private int splitPointCalls;
  private boolean failSplitPoints;

  public InMemorySource table(TableSchema schema, List<Row> tableRows) {
    schemas.put(schema.table(), schema);
    rows.put(schema.table(), new ArrayList<>(tableRows));
    return this;
  }

  public synchronized void insert(TableId table, Row row) {
    rows.get(table).add(row);
  }

  public synchronized List<Row> rows(TableId table) {
    return rows.get(table);
  }

  /** What {@link #commitWatermark()} answers; empty (not visible) unless set. */
  public synchronized void watermark(java.util.Optional<java.time.Instant> value) {
    watermark = value;
  }

  @Override
  public synchronized java.util.Optional<java.time.Instant> commitWatermark() {
    checkReachable();
    return watermark;
  }

  public synchronized void unreachable(boolean value) {
    unreachable = value;
  }

  public synchronized int reads() {
    return reads;
  }

  @Override
  public synchronized List<TableId> listTables() {
    checkReachable();
    return List.copyOf(schemas.keySet());
  }

  @Override
  public synchronized List<TableDiscovery> describe(List<TableRequest> requests) {
    checkReachable();
    List<TableDiscovery> out = new ArrayList<>();
    for (TableRequest request : requests) {
      TableSchema schema = schemas.get(request.table());
      if (schema == null) {
        out.add(new TableDiscovery.Undescribable(request.table(), "table does not exist"));
      } else if (request.cursorColumn().isPresent() && schema.indexOf(request.cursorColumn().get()) < 0) {
        out.add(new TableDiscovery.Undescribable(
            request.table(), "cursor column " + request.cursorColumn().get() + " does not exist"));
      } else {
        List<String> key = request.primaryKey().isEmpty() ? schema.primaryKey() : request.primaryKey();
        out.add(new TableDiscovery.Described(new TableSchema(
            schema.table(), schema.columns(), key, request.cursorColumn())));
      }
    }
    return out;
  }

  /** Whether {@link #pinSnapshot()} pins reads (TiDB) or answers empty (MariaDB); off by default. */
  public synchronized InMemorySource snapshots(boolean value) {
    snapshots = value;
    return this;
  }

  @Override
  public synchronized java.util.Optional<io.tidbsync.domain.model.SourceSnapshot> pinSnapshot() {
    checkReachable();
    if (!snapshots) {
      return java.util.Optional.empty();
    }
    tso = Math.max(tso + 1, System.currentTimeMillis() << 18);
    snapshot = io.tidbsync.domain.model.SourceSnapshot.ofTso(tso);
    pinned = new LinkedHashMap<>();
    rows.forEach((table, list) -> {
      List<Row> copy = new ArrayList<>();
      list.forEach(r -> copy.add(new Row(r.values().clone())));
      pinned.put(table, copy);
    });
    return java.util.Optional.of(snapshot);
  }

  @Override
  public synchronized java.util.Optional<io.tidbsync.domain.model.SourceSnapshot> renewSnapshot(
      io.tidbsync.domain.model.SourceSnapshot stale) {
    if (snapshot != null && snapshot.equals(stale)) {
      renewals++;
      return pinSnapshot();
    }
    return java.util.Optional.ofNullable(snapshot);
  }

  public synchronized int renewals() {
    return renewals;
  }

  /** Updates a row in place, as an UPDATE at the source: later snapshots and unpinned reads see it. */
  public synchronized void update(TableId table, int index, Row row) {
    rows.get(table).set(index, row);
  }

  /**
   * Makes reads (pages and key reads) fail, once per recovery given: each time {@code afterRows}
   * more rows have been handed out, with a {@link io.tidbsync.domain.failure.SourceException}
   * carrying that recovery.
   */
  public synchronized void failReads(int afterRows, io.tidbsync.domain.failure.SourceRecovery... recoveries) {
    failAfterRows = afterRows;
    rowsUntilFailure = afterRows;
    failures.addAll(List.of(recoveries));
  }

  /** The row limit of every page read so far, in order. */
  public synchronized List<Integer> pageLimits() {
    return List.copyOf(pageLimits);
  }

  private Map<TableId, List<Row>> visible() {
    return pinned != null ? pinned : rows;
  }

  @Override
  public synchronized RowStream read(ReadRequest request) {
    checkReachable();
    reads++;
    pageLimits.add(request.limit());
    TableSchema schema = request.schema();
    List<Row> selected = new ArrayList<>();
    for (Row row : visible().get(schema.table())) {
      boolean inScan = switch (request.scan()) {
        case CURSOR -> row.get(schema.cursorIndex()) != null
            && request.upTo().map(w -> Keyset.compareValues(row.get(schema.cursorIndex()), w) <= 0).orElse(true);
        case NULL_CURSOR -> row.get(schema.cursorIndex()) == null;
        case ALL_BY_KEY, EVERY_ROW -> true;
      };
      boolean after = inScan && request.after().map(p -> request.scan() == Scan.CURSOR
          ? Keyset.after(schema, row, p) : Keyset.compareKeys(Keyset.keyOf(schema, row), p.key()) > 0).orElse(true);
      boolean notPastEnd = request.until().map(u -> Keyset.compareKeys(Keyset.keyOf(schema, row), u) <= 0).orElse(true);
      if (inScan && after && notPastEnd) {
        selected.add(row);
      }
    }
    if (request.scan() != Scan.EVERY_ROW) {
      selected.sort(request.scan() == Scan.CURSOR ? Keyset.order(schema)
          : (a, b) -> Keyset.compareKeys(Keyset.keyOf(schema, a), Keyset.keyOf(schema, b)));
    }
    return failing(stream(selected.stream().limit(request.limit()).iterator()));
  }

  /** The stream, made to fail once the rows handed out since the last failure reach the countdown. */
  private RowStream failing(RowStream stream) {
    if (failures.isEmpty()) {
      return stream;
    }
    return new RowStream() {
      @Override
      public Row next() {
        synchronized (InMemorySource.this) {
          if (!failures.isEmpty() && rowsUntilFailure-- <= 0) {
            io.tidbsync.domain.failure.SourceRecovery recovery = failures.poll();
            rowsUntilFailure = failAfterRows;
            throw new io.tidbsync.domain.failure.SourceException("injected " + recovery + " failure", recovery, null);
          }
        }
        return stream.next();
      }

      @Override
      public void close() {
        stream.close();
      }
    };
  }

  @Override
  public synchronized RowStream readKeys(TableSchema schema, List<List<Object>> keys, boolean keyColumnsOnly) {
    checkReachable();
    List<Row> found = new ArrayList<>();
    for (Row row : visible().get(schema.table())) {
      List<Object> key = Keyset.keyOf(schema, row);
      if (keys.stream().anyMatch(k -> Keyset.compareKeys(k, key) == 0)) {
        found.add(keyColumnsOnly ? new Row(key.toArray()) : row);
      }
    }
    return failing(stream(found.iterator()));
  }

  /** Every {@code rowsPerRange}-th key in key order, like a source that knows its key distribution. */
  @Override
  public synchronized List<List<Object>> splitPoints(TableSchema schema, long rowsPerRange, int maxRanges) {
    splitPointCalls++;
    if (failSplitPoints) {
      throw new io.tidbsync.domain.failure.SourceException("SELECT command denied on information_schema.TABLES",
          io.tidbsync.domain.failure.Transience.PERMANENT);
    }
    List<List<Object>> keys = new ArrayList<>();
    for (Row row : rows.get(schema.table())) {
      keys.add(Keyset.keyOf(schema, row));
    }
    keys.sort(Keyset::compareKeys);
    List<List<Object>> points = new ArrayList<>();
    for (long i = rowsPerRange; i < keys.size() && points.size() < maxRanges - 1; i += rowsPerRange) {
      points.add(keys.get((int) i - 1));
    }
    return points;
  }

  /** Makes {@link #splitPoints} fail, as a source that cannot plan ranges would. */
  public synchronized void failSplitPoints(boolean value) {
    failSplitPoints = value;
  }

  public synchronized int splitPointCalls() {
    return splitPointCalls;
  }

  @Override
  public synchronized java.util.Optional<Object> maxCursor(TableSchema schema, Object upTo) {
    checkReachable();
    return visible().get(schema.table()).stream().map(r -> r.get(schema.cursorIndex()))
        .filter(c -> c != null && Keyset.compareValues(c, upTo) <= 0)
        .max(Keyset::compareValues);
  }

  @Override
  public synchronized long countNullCursor(TableSchema schema) {
    checkReachable();
    return visible().get(schema.table()).stream().filter(r -> r.get(schema.cursorIndex()) == null).count();
  }

  private static RowStream stream(Iterator<Row> it) {
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

  /** Ends the pinned snapshot, as closing a TiDB source ends its transactions. */
  @Override
  public synchronized void close() {
    pinned = null;
    snapshot = null;
  }
}
