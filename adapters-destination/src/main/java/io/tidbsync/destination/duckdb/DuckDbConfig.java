package io.tidbsync.destination.duckdb;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** Where the DuckDB destination writes: the database file and the schema tables go into. */
public record DuckDbConfig(Path file, String schema) {
  public DuckDbConfig {
    requireNonNull(file, "file is null");
    requireNonNull(schema, "schema is null");
    if (schema.isBlank()) {
      throw new IllegalArgumentException("schema is blank");
    }
  }
}
