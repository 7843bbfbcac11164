package io.tidbsync.destination.fivetran;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the connector remembers of what Fivetran holds, shared by the destination (which consults
 * and updates it as it sends) and the state store (which restores it and checkpoints it): the
 * rows sent, and the table definitions declared.
 */
public record FivetranMemory(SentRows rows, DeclaredSchemas schemas) {
  public FivetranMemory {
    requireNonNull(rows, "rows is null");
    requireNonNull(schemas, "schemas is null");
  }

  public static FivetranMemory fresh() {
    return new FivetranMemory(new SentRows(SentRows.PER_TABLE), new DeclaredSchemas());
  }

  /** The checkpoint entries, in a fixed order. */
  public List<StateEntry> entries() {
    return List.of(rows, schemas);
  }
}
