package io.tidbsync.domain.testing;

import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.StatePort;

/** Keeps state in a field; counts saves and can fail the save after a given count. */
public final class InMemoryStateStore implements StatePort {
  private SyncState state = SyncState.EMPTY;
  private int saves;
  private int failAfter = Integer.MAX_VALUE;

  public SyncState state() {
    return state;
  }

  public int saves() {
    return saves;
  }

  /** The save after {@code count} more saves throws once, leaving the state as it was (a crash). */
  public void failAfter(int count) {
    failAfter = saves + count;
  }

  /** Cancels a failure armed by {@link #failAfter} that has not happened yet. */
  public void failNever() {
    failAfter = Integer.MAX_VALUE;
  }

  @Override
  public SyncState load() {
    return state;
  }

  @Override
  public void save(SyncState newState) {
    if (saves >= failAfter) {
      failAfter = Integer.MAX_VALUE;
      throw new StateException("injected state failure", Transience.PERMANENT);
    }
    saves++;
    state = newState;
  }
}
