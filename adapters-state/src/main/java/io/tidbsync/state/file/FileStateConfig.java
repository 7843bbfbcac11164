package io.tidbsync.state.file;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** Where the JSON state file lives. */
public record FileStateConfig(Path file) {
  public FileStateConfig {
    requireNonNull(file, "file is null");
  }
}
