package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What a destination found and did when it prepared a table: the identity it keeps for the table
 * (made when it created it, and kept with it, so a table dropped, renamed or re-created, or another
 * destination, has another one; empty where the destination has no tables of its own to tell
 * apart), whether it created the table just now, and the columns it added or widened to fit the
 * source.
 */
public record PreparedTable(Optional<String> identity, boolean created, List<String> columnsAdded,
    List<String> columnsWidened) {
  public PreparedTable {
    requireNonNull(identity, "identity is null");
    columnsAdded = List.copyOf(requireNonNull(columnsAdded, "columnsAdded is null"));
    columnsWidened = List.copyOf(requireNonNull(columnsWidened, "columnsWidened is null"));
  }

  /** A table the destination does not keep an identity for, and did not change. */
  public static PreparedTable untracked() {
    return new PreparedTable(Optional.empty(), false, List.of(), List.of());
  }

  /** A table created now, with its new identity. */
  public static PreparedTable created(String identity) {
    return new PreparedTable(Optional.of(identity), true, List.of(), List.of());
  }
}
