package io.tidbsync.domain;

import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.domain.port.TransactionalStatePort;
import java.util.Optional;
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

  /** The store, when it can commit a batch together with the state that records it. */
  Optional<TransactionalStatePort> transactional() {
    return port instanceof TransactionalStatePort tx ? Optional.of(tx) : Optional.empty();
  }

  /**
   * Applies {@code change} through {@code write}, which stores the changed state itself (in the
   * same transaction as a batch). Serialized with every other update, like {@link #update}.
   */
  synchronized <T> T commit(UnaryOperator<SyncState> change, java.util.function.Function<SyncState, T> write) {
    SyncState next = change.apply(current);
    T result = write.apply(next);
    current = next;
    return result;
  }
}
