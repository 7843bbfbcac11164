package io.tidbsync.domain.port;

import io.tidbsync.domain.model.SyncState;

/** Keeps the sync state between runs. */
public interface StatePort {
  /**
   * The last saved state, or {@link SyncState#EMPTY} for a new store.
   *
   * @throws io.tidbsync.domain.failure.StateException when the stored state cannot be read; the
   *     message names the store and the problem
   */
  SyncState load();

  /**
   * Replaces the stored state. A crash during the save leaves the old or the new state, never a
   * mixture.
   *
   * @throws io.tidbsync.domain.failure.StateException when it cannot be written
   */
  void save(SyncState state);
}
