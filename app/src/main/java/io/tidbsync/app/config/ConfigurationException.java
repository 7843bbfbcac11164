package io.tidbsync.app.config;

import java.util.List;

/** The configuration cannot be used; lists every problem found, each naming its key. */
public final class ConfigurationException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;
  private final List<String> warnings;

  public ConfigurationException(List<String> problems) {
    this(problems, List.of());
  }

  /** The problems, and the warnings found beside them (unknown keys), which are shown too. */
  public ConfigurationException(List<String> problems, List<String> warnings) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
    this.warnings = List.copyOf(warnings);
  }

  public List<String> problems() {
    return problems;
  }

  public List<String> warnings() {
    return warnings;
  }
}
