package io.tidbsync.destination.jsonlines;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * Where the JSON-lines destination writes: one folder per table under {@code folder}, and the size
 * at which a table's current file is closed and the next one started.
 */
public record JsonLinesConfig(Path folder, long rotateBytes) {
  public static final long DEFAULT_ROTATE_BYTES = 256L << 20;

  public JsonLinesConfig {
    requireNonNull(folder, "folder is null");
    if (rotateBytes < 1) {
      throw new IllegalArgumentException("rotateBytes must be positive, found " + rotateBytes);
    }
  }
}
