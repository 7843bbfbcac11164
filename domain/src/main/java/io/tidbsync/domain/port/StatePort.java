package io.tidbsync.domain.port;

import io.tidbsync.domain.model.SyncState;

/**
 * Keeps the sync state between runs. A store is held by one run at a time: the first {@code load}
 * or {@code save} takes the store's lock, {@code close} gives it back, and a crashed run's lock
 * ends with its process or session.
 */
public interface StatePort extends AutoCloseable {
  /**
   * The last saved state, or {@link SyncState#EMPTY} for a new store.
   *
   * @throws io.tidbsync.domain.failure.StateException when the stored state cannot be read, or
   *     another run holds the store; the message names the store and the problem
   */
  SyncState load();

  /**
   * The last saved state, read without taking the lock, for commands that only show it while a
   * sync may be running; a store's saves are atomic, so this is a saved state, never a torn one.
   */
  default SyncState peek() {
    return load();
  }

  /**
   * Replaces the stored state. A crash during the save leaves the old or the new state, never a
   * mixture.
   *
   * @throws io.tidbsync.domain.failure.StateException when it cannot be written
   */
  void save(SyncState state);

  /** Releases the store's lock and connections; the store may not be used afterwards. */
  @Override
  default void close() {}
}
