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
  private final String stateJson;
  private final StateCodec codec;
  private final FivetranStream stream;
  /** The state last sent; a save that would send it again is left out (it would change nothing). */
  private String lastSent;

  /** @param stateJson the request's state, or null or blank for a first sync */
  public FivetranStateStore(String stateJson, StateCodec codec, FivetranStream stream) {
    this.stateJson = stateJson;
    this.codec = requireNonNull(codec, "codec is null");
    this.stream = requireNonNull(stream, "stream is null");
  }

  @Override
  public SyncState load() {
    if (stateJson == null || stateJson.isBlank()) {
      return SyncState.EMPTY;
    }
    try {
      return codec.decode(stateJson);
    } catch (IllegalArgumentException e) {
      throw new StateException("the Update request's state_json is corrupt: " + e.getMessage()
          + " (reset the connector's state in Fivetran to start over with a full sync)", Transience.PERMANENT, e);
    }
  }

  @Override
  public synchronized void save(SyncState state) {
    String json = codec.encode(state);
    if (json.equals(lastSent)) {
      return;
    }
    stream.send(UpdateResponse.newBuilder().setCheckpoint(Checkpoint.newBuilder().setStateJson(json)).build());
    lastSent = json;
  }
}
