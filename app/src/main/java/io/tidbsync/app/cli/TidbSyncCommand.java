package io.tidbsync.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The top-level command; {@code sync} runs when no subcommand is named. */
@Command(name = "tidb-sync", mixinStandardHelpOptions = true, version = "tidb-sync 0.1.0",
    description = "Replicates TiDB / MySQL tables incrementally into DuckDB, PostgreSQL, JSON lines, or Fivetran (serve).",
    subcommands = {SyncCommand.class, CheckCommand.class, SchemaCommand.class, StateCommand.class, QuarantineCommand.class,
        ResetCommand.class, PlanCommand.class,
        ServeCommand.class, HelpCommand.class})
public final class TidbSyncCommand implements Runnable {
  @Override
  public void run() {
    // picocli prints usage when a subcommand is required; Main inserts "sync" instead.
  }
}
