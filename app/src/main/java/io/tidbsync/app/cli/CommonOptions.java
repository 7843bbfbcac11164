package io.tidbsync.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every subcommand takes. */
public final class CommonOptions {
  @Option(names = {"-c", "--config"}, defaultValue = "configuration.json", paramLabel = "FILE",
      description = "Configuration file (default: ${DEFAULT-VALUE}).")
  Path config;

  @Option(names = "--destination", paramLabel = "NAME",
      description = "Destination, overriding DESTINATION: duckdb, postgres or jsonlines.")
  String destination;

  @Option(names = "--state", paramLabel = "STORE",
      description = "State store, overriding STATE: file, destination (in the destination's database) or jdbc.")
  String state;

  @Option(names = "--log-level", defaultValue = "INFO", paramLabel = "LEVEL",
      description = "Log level on standard error: ERROR, WARN, INFO, DEBUG, TRACE (default: ${DEFAULT-VALUE}).")
  String logLevel;
}
