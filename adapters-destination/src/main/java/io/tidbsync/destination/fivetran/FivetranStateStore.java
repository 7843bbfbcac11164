package io.tidbsync.destination.fivetran;

import static java.util.Objects.requireNonNull;

import fivetran_sdk.v2.Checkpoint;
import fivetran_sdk.v2.UpdateResponse;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.StateCodec;
import io.tidbsync.domain.port.StatePort;

/**
 * The state inside an Update call: loaded from the request's {@code state_json} (Fivetran keeps
 * it between syncs), saved by sending a {@code Checkpoint} with the new state after the batch it
 * records. The JSON is the state file's layout, so the seed's state carries over.
 */
public final class FivetranStateStore implements StatePort {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FivetranStateStore.class);

  private final String stateJson;
  private final StateCodec codec;
  private final FivetranStream stream;
  private final java.util.List<StateEntry> entries;
  /** The state last sent; a save that would send it again is left out (it would change nothing). */
  private String lastSent;
  private boolean entriesRestored;

  /** @param stateJson the request's state, or null or blank for a first sync */
  public FivetranStateStore(String stateJson, StateCodec codec, FivetranStream stream) {
    this(stateJson, codec, stream, java.util.List.of());
  }

  /**
   * @param entries what the connector remembers for Fivetran beside the sync's state (the rows
   *     and table definitions Fivetran holds), shared with the {@link FivetranDestination}: each
   *     restored from its entry on the first load, and checkpointed with every save
   */
  public FivetranStateStore(String stateJson, StateCodec codec, FivetranStream stream,
      java.util.List<? extends StateEntry> entries) {
    this.stateJson = stateJson;
    this.codec = requireNonNull(codec, "codec is null");
    this.stream = requireNonNull(stream, "stream is null");
    this.entries = java.util.List.copyOf(entries);
  }

  @Override
  public synchronized SyncState load() {
    if (stateJson == null || stateJson.isBlank()) {
      return SyncState.EMPTY;
    }
    SyncState state;
    try {
      state = codec.decode(stateJson);
    } catch (IllegalArgumentException e) {
      throw new StateException("the Update request's state_json is corrupt: " + e.getMessage()
          + " (reset the connector's state in Fivetran to start over with a full sync)", Transience.PERMANENT, e);
    }
    java.util.Map<String, String> rest = new java.util.TreeMap<>(state.passthrough());
    for (StateEntry entry : entries) {
      String json = rest.remove(entry.key());
      if (json != null && !entriesRestored) {
        try {
          entry.restore(json);
        } catch (IllegalArgumentException e) {
          // What the connector remembers only saves work: without it, rows are sent again and
          // table definitions declared again, and nothing is lost.
          LOG.warn("the state's {} is unreadable ({}); this sync sends what it reads, as if it were absent",
              entry.key(), e.getMessage());
        }
      }
    }
    entriesRestored = true;
    return new SyncState(state.tables(), state.lastConnectionError(), rest, state.snapshot());
  }

  @Override
  public synchronized void save(SyncState state) {
    java.util.Map<String, String> passthrough = new java.util.TreeMap<>(state.passthrough());
    for (StateEntry entry : entries) {
      if (!entry.isEmpty()) {
        passthrough.put(entry.key(), entry.toJson());
      }
    }
    String json = codec.encode(new SyncState(state.tables(), state.lastConnectionError(), passthrough,
        state.snapshot()));
    if (json.equals(lastSent)) {
      return;
    }
    stream.send(UpdateResponse.newBuilder().setCheckpoint(Checkpoint.newBuilder().setStateJson(json)).build());
    lastSent = json;
  }
}
