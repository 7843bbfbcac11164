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
  private final SentRows sent;
  /** The state last sent; a save that would send it again is left out (it would change nothing). */
  private String lastSent;
  private boolean sentRestored;

  /** @param stateJson the request's state, or null or blank for a first sync */
  public FivetranStateStore(String stateJson, StateCodec codec, FivetranStream stream) {
    this(stateJson, codec, stream, new SentRows(SentRows.PER_TABLE));
  }

  /**
   * @param sent the rows Fivetran holds, shared with the {@link FivetranDestination}: restored from
   *     the state's {@value SentRows#STATE_KEY} entry on the first load, checkpointed with every save
   */
  public FivetranStateStore(String stateJson, StateCodec codec, FivetranStream stream, SentRows sent) {
    this.stateJson = stateJson;
    this.codec = requireNonNull(codec, "codec is null");
    this.stream = requireNonNull(stream, "stream is null");
    this.sent = requireNonNull(sent, "sent is null");
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
    String entry = state.passthrough().get(SentRows.STATE_KEY);
    if (entry != null && !sentRestored) {
      try {
        sent.restore(entry);
      } catch (IllegalArgumentException e) {
        // Losing the record of rows sent loses no data: rows re-read are sent again.
        LOG.warn("the state's record of rows already sent is unreadable ({}); rows re-read this sync are sent again",
            e.getMessage());
      }
    }
    sentRestored = true;
    return withoutSent(state);
  }

  private static SyncState withoutSent(SyncState state) {
    if (!state.passthrough().containsKey(SentRows.STATE_KEY)) {
      return state;
    }
    java.util.Map<String, String> rest = new java.util.TreeMap<>(state.passthrough());
    rest.remove(SentRows.STATE_KEY);
    return new SyncState(state.tables(), state.lastConnectionError(), rest, state.snapshot());
  }

  @Override
  public synchronized void save(SyncState state) {
    java.util.Map<String, String> passthrough = new java.util.TreeMap<>(state.passthrough());
    if (!sent.isEmpty()) {
      passthrough.put(SentRows.STATE_KEY, sent.toJson());
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
