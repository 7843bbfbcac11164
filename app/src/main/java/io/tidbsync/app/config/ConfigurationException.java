package io.tidbsync.app.config;

import java.util.List;

/** The configuration cannot be used; lists every problem found, each naming its key. */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigurationException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
