package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A {@link CursorPosition} as text, the form state stores keep: the cursor column it belongs to,
 * the cursor value and each primary-key value encoded losslessly by {@code CursorCodec}.
 */
public record StoredPosition(String cursorColumn, String cursor, List<String> key) {
  public StoredPosition {
    requireNonNull(cursorColumn, "cursorColumn is null");
    requireNonNull(cursor, "cursor is null");
    key = List.copyOf(requireNonNull(key, "key is null"));
  }
}
