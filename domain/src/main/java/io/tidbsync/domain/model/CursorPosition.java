package io.tidbsync.domain.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a read stopped: the cursor value of the last row and its primary-key values. A read resumes
 * strictly after {@code (cursor, key)}. A position without key (the seed's
 * {@code <table>_last_created}, a look-back start, a capped cursor) resumes at the cursor value
 * itself, inclusive, so rows sharing it are read again rather than lost. A position without cursor
 * ({@code null}) is a key-only position, for scans ordered by primary key.
 */
public record CursorPosition(Object cursor, List<Object> key) {
  public CursorPosition {
    java.util.Objects.requireNonNull(key, "key is null");
    key = Collections.unmodifiableList(new ArrayList<>(key));
    for (Object part : key) {
      java.util.Objects.requireNonNull(part, "key part is null");
    }
    if (cursor == null && key.isEmpty()) {
      throw new IllegalArgumentException("a position needs a cursor value or a key");
    }
  }

  public static CursorPosition inclusive(Object cursor) {
    return new CursorPosition(java.util.Objects.requireNonNull(cursor, "cursor is null"), List.of());
  }

  public static CursorPosition afterKey(List<Object> key) {
    return new CursorPosition(null, key);
  }

  public boolean inclusive() {
    return key.isEmpty();
  }
}
