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

  /**
   * A JDBC URL as it may be shown: the value of any {@code password=} parameter replaced, so a
   * password written into a URL never reaches a log or a message.
   */
  public static String maskInUrl(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  @Override
  public String toString() {
    return "***";
  }
}
