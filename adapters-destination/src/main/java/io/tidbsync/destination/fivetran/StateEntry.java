package io.tidbsync.destination.fivetran;

/**
 * Something the connector remembers for Fivetran between Updates beside the sync's own state: one
 * top-level entry of the checkpoint's JSON, restored on load and written with every checkpoint.
 */
public interface StateEntry {
  /** The top-level key; not one the state file's layout uses. */
  String key();

  boolean isEmpty();

  /** The entry's JSON value. */
  String toJson();

  /**
   * Replaces what this holds with an entry {@link #toJson()} wrote.
   *
   * @throws IllegalArgumentException when the entry is not of that shape; the message says where
   */
  void restore(String json);
}
