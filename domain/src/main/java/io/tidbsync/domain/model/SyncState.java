package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything a sync remembers between runs: per-table state, the seed's
 * {@code last_connection_error}, the snapshot the latest run read at ({@code snapshot}, null when
 * the source has none), and entries the store found but tidb-sync does not interpret
 * ({@code passthrough}: key to the entry's JSON text), which are written back unchanged. Immutable;
 * the {@code with*} methods return a changed copy.
 */
public record SyncState(
    Map<String, TableState> tables, String lastConnectionError, Map<String, String> passthrough,
    SourceSnapshot snapshot) {

  public static final SyncState EMPTY = new SyncState(Map.of(), null, Map.of(), null);

  public SyncState {
    tables = Collections.unmodifiableMap(new TreeMap<>(requireNonNull(tables, "tables is null")));
    passthrough =
        Collections.unmodifiableMap(new TreeMap<>(requireNonNull(passthrough, "passthrough is null")));
  }

  public SyncState(Map<String, TableState> tables, String lastConnectionError, Map<String, String> passthrough) {
    this(tables, lastConnectionError, passthrough, null);
  }

  public SyncState withSnapshot(SourceSnapshot newSnapshot) {
    return new SyncState(tables, lastConnectionError, passthrough, newSnapshot);
  }

  public TableState table(String name) {
    return tables.getOrDefault(name, TableState.EMPTY);
  }

  public SyncState withTable(String name, TableState state) {
    Map<String, TableState> copy = new TreeMap<>(tables);
    if (state.isEmpty()) {
      copy.remove(name);
    } else {
      copy.put(name, state);
    }
    return new SyncState(copy, lastConnectionError, passthrough, snapshot);
  }

  public SyncState withLastConnectionError(String error) {
    return new SyncState(tables, error, passthrough, snapshot);
  }
}
