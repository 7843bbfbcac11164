package io.tidbsync.domain.port;

import io.tidbsync.domain.model.SyncState;

/**
 * The state as text and back (the state file's JSON layout), for stores that keep it as text in
 * a place of their own, such as a destination's database.
 */
public interface StateCodec {
  String encode(SyncState state);

  /** @throws IllegalArgumentException naming what is wrong with the text */
  SyncState decode(String text);
}
