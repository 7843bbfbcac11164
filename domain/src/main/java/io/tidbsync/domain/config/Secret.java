package io.tidbsync.domain.config;

import static java.util.Objects.requireNonNull;

/** A password or key: its {@link #toString()} never reveals it, so logs and errors cannot either. */
public record Secret(String value) {
  public Secret {
    requireNonNull(value, "value is null");
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  @Override
  public String toString() {
    return "***";
  }
}
