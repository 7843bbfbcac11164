package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A row the cursor passed but that could not be normalized: its key (lossless text, key order),
 * why, and its cursor value as text. It is re-read every run until it converts or is
 * acknowledged; its other values are never stored.
 */
public record QuarantinedRow(List<String> key, String reason, String cursor) {
  public QuarantinedRow {
    key = List.copyOf(requireNonNull(key, "key is null"));
    requireNonNull(reason, "reason is null");
    requireNonNull(cursor, "cursor is null");
  }
}
