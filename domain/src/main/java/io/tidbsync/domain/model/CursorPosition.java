package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a table's incremental read stopped: the cursor value of the last row written and its
 * primary-key values. A read resumes strictly after {@code (cursor, key)}. A position without key
 * (resumed from the seed's {@code <table>_last_created}) resumes at the cursor value itself,
 * inclusive, so rows that share it are read again rather than lost.
 */
public record CursorPosition(Object cursor, List<Object> key) {
  public CursorPosition {
    requireNonNull(cursor, "cursor is null");
    requireNonNull(key, "key is null");
    key = Collections.unmodifiableList(new ArrayList<>(key));
    for (Object part : key) {
      requireNonNull(part, "key part is null");
    }
  }

  public static CursorPosition inclusive(Object cursor) {
    return new CursorPosition(cursor, List.of());
  }

  public boolean inclusive() {
    return key.isEmpty();
  }
}
