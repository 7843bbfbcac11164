package io.tidbsync.domain.model;

/** How one table's sync ended. */
public sealed interface TableOutcome {
  record Synced() implements TableOutcome {}

  record Failed(String reason) implements TableOutcome {}
}
