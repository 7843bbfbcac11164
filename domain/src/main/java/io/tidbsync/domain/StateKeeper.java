package io.tidbsync.domain;

import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.StatePort;
import java.util.function.UnaryOperator;

/**
 * The run's current state and the only writer of it: every change is saved at once, serialized,
 * so tables synced concurrently never lose each other's updates.
 */
final class StateKeeper {
  private final StatePort port;
  private SyncState current;

  StateKeeper(StatePort port, SyncState initial) {
    this.port = port;
    this.current = initial;
  }

  synchronized SyncState current() {
    return current;
  }

  synchronized void update(UnaryOperator<SyncState> change) {
    SyncState next = change.apply(current);
    port.save(next);
    current = next;
  }
}
