package io.tidbsync.domain;

import io.tidbsync.domain.model.QuarantinedRow;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.normalize.RowRejectedException;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.SyncObserver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Re-reads a table's quarantined rows by key: a row that now converts is written and leaves the
 * quarantine, a row that is gone at the source leaves it, a row that still fails stays with its
 * latest reason.
 */
final class QuarantineRetry {
  private static final int CHUNK = 500;

  private final SourcePort source;
  private final DestinationPort destination;
  private final StateKeeper keeper;
  private final SyncObserver observer;

  QuarantineRetry(SourcePort source, DestinationPort destination, StateKeeper keeper, SyncObserver observer) {
    this.source = source;
    this.destination = destination;
    this.keeper = keeper;
    this.observer = observer;
  }

  void retry(TableRun run) {
    String name = run.schema.table().name();
    List<QuarantinedRow> waiting = keeper.current().table(name).quarantine();
    if (waiting.isEmpty()) {
      return;
    }
    Map<List<String>, QuarantinedRow> still = new LinkedHashMap<>();
    for (int from = 0; from < waiting.size(); from += CHUNK) {
      List<QuarantinedRow> chunk = waiting.subList(from, Math.min(waiting.size(), from + CHUNK));
      List<List<Object>> keys = new ArrayList<>();
      Map<List<String>, QuarantinedRow> byKey = new LinkedHashMap<>();
      for (QuarantinedRow row : chunk) {
        keys.add(run.keyFromText(row.key()));
        byKey.put(row.key(), row);
      }
      List<Row> fixed = new ArrayList<>();
      try (RowStream rows = source.readKeys(run.schema, keys, false)) {
        for (Row row = rows.next(); row != null; row = rows.next()) {
          List<String> key = run.keyText(run.keyOf(row));
          QuarantinedRow before = byKey.get(key);
          try {
            fixed.add(run.rows.normalize(row, run.stats));
          } catch (RowRejectedException e) {
            still.put(key, new QuarantinedRow(key, e.getMessage(), before == null ? "" : before.cursor()));
            observer.rowRejected(run.schema.table(), String.join(",", key), "still quarantined: " + e.getMessage());
          }
        }
      }
      if (!fixed.isEmpty()) {
        run.wrote(fixed.size(), destination.upsert(run.output, fixed));
        run.read += fixed.size();
      }
    }
    List<QuarantinedRow> remaining = new ArrayList<>(still.values());
    keeper.update(s -> s.withTable(name, s.table(name).withQuarantine(remaining)));
  }

  /** The union of two quarantine lists by key, the newer entry winning. */
  static List<QuarantinedRow> merge(List<QuarantinedRow> old, List<QuarantinedRow> added) {
    if (added.isEmpty()) {
      return old;
    }
    Map<List<String>, QuarantinedRow> byKey = new LinkedHashMap<>();
    old.forEach(r -> byKey.put(r.key(), r));
    added.forEach(r -> byKey.put(r.key(), r));
    return new ArrayList<>(byKey.values());
  }
}
