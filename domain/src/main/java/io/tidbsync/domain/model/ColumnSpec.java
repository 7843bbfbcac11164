package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

/**
 * One column of a table: its name exactly as the source spells it, its logical type, whether it
 * may be NULL, and the source's own type text (for messages, never for decisions downstream).
 */
public record ColumnSpec(String name, LogicalType type, boolean nullable, String sourceType) {
  public ColumnSpec {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(sourceType, "sourceType is null");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("column name is empty");
    }
  }

  public ColumnSpec withType(LogicalType newType) {
    return new ColumnSpec(name, newType, nullable, sourceType);
  }
}
