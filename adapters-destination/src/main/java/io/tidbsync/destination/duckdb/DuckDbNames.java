package io.tidbsync.destination.duckdb;

import static io.tidbsync.destination.jdbc.SqlNames.quote;

/**
 * Where the destination's tables live in the open DuckDB file: the database's own name (the file's
 * base name) and the configured schema. Every name is written with the catalog, since a schema
 * named like the file ({@code shop} in {@code shop.duckdb}) is otherwise an ambiguous reference.
 */
record DuckDbNames(String catalog, String schema) {
  /** A table of the schema, quoted and qualified with its catalog. */
  String table(String name) {
    return quote(catalog) + "." + quote(schema, name);
  }
}
