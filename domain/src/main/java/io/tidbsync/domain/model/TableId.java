package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

/** The name of a source table inside the configured database; compared exactly, case kept. */
public record TableId(String name) implements Comparable<TableId> {
  public TableId {
    requireNonNull(name, "name is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("table name is blank");
    }
  }

  public static TableId of(String name) {
    return new TableId(name);
  }

  @Override
  public int compareTo(TableId other) {
    return name.compareTo(other.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
