package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.OptionalInt;

/**
 * A column the configuration says holds vectors (the seed's {@code VECTOR_TABLES_DATA}), with the
 * dimension when it was given. The source checks it against what it discovers.
 */
public record VectorHint(String column, OptionalInt dimension) {
  public VectorHint {
    requireNonNull(column, "column is null");
    requireNonNull(dimension, "dimension is null");
  }
}
