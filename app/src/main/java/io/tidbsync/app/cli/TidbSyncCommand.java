package io.tidbsync.app.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;

/** The top-level command; {@code sync} runs when no subcommand is named. */
@Command(name = "tidb-sync", mixinStandardHelpOptions = true, version = "tidb-sync 0.1.0",
    description = "Replicates TiDB / MySQL tables incrementally into DuckDB, PostgreSQL, JSON lines, or Fivetran (serve).")
public final class TidbSyncCommand implements Runnable {
  /**
   * The subcommands, in the order help lists them. picocli reads a command's annotations, and
   * loads the classes it names, when the command is added: a run adds only the one it names.
   */
  private static final List<String> SUBCOMMANDS =
      List.of("sync", "check", "schema", "state", "quarantine", "reset", "plan", "serve", "help");

  /**
   * A new subcommand object. A switch, not a map of constructor references: the JDK 25 AOT cache
   * cannot hold a method handle to picocli's {@code HelpCommand} (compiled for Java 5, a class the
   * cache skips), and making the cache crashed the JVM when one was reachable.
   */
  private static Object subcommand(String name) {
    return switch (name) {
      case "sync" -> new SyncCommand();
      case "check" -> new CheckCommand();
      case "schema" -> new SchemaCommand();
      case "state" -> new StateCommand();
      case "quarantine" -> new QuarantineCommand();
      case "reset" -> new ResetCommand();
      case "plan" -> new PlanCommand();
      case "serve" -> new ServeCommand();
      case "help" -> new HelpCommand();
      default -> throw new IllegalArgumentException("no subcommand " + name);
    };
  }

  /**
   * The command line for these arguments: with only the subcommand {@code args[0]} names, or with
   * every subcommand when it names none (help, a typo, no subcommand) or asks for {@code help},
   * which lists them. The parse is the same either way: a subcommand is always the first argument.
   */
  public static CommandLine forArguments(String... args) {
    CommandLine cli = new CommandLine(new TidbSyncCommand());
    String first = args.length > 0 ? args[0] : "";
    if (SUBCOMMANDS.contains(first) && !first.equals("help")) {
      cli.addSubcommand(first, subcommand(first));
    } else {
      for (String name : SUBCOMMANDS) {
        cli.addSubcommand(name, subcommand(name));
      }
    }
    return cli;
  }

  @Override
  public void run() {
    // picocli prints usage when a subcommand is required; Main inserts "sync" instead.
  }
}
