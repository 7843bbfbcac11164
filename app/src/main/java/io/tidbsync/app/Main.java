package io.tidbsync.app;

import io.tidbsync.app.cli.ExitCode;
import io.tidbsync.app.cli.TidbSyncCommand;
import io.tidbsync.app.config.ConfigurationException;
import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.TidbSyncException;
import picocli.CommandLine;

/** Entry point of the fat jar: {@code java -jar tidb-sync.jar [sync|check|schema|state] [options]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns the exit code; expected failures print one line, no stack trace. */
  public static int run(String... args) {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    // tidb-sync uses no method interception, so Guice needs no runtime bytecode generation.
    System.setProperty("guice_bytecode_gen_option", "DISABLED");
    CommandLine cli = new CommandLine(new TidbSyncCommand());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e));
    return cli.execute(withDefaultCommand(args));
  }

  private static String[] withDefaultCommand(String[] args) {
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("--version")
        || args[0].equals("-V") || !args[0].startsWith("-"))) {
      return args;
    }
    String[] withSync = new String[args.length + 1];
    withSync[0] = "sync";
    System.arraycopy(args, 0, withSync, 1, args.length);
    return withSync;
  }

  private static int handle(Exception e) {
    return switch (e) {
      case ConfigurationException c -> {
        System.err.println("tidb-sync: bad configuration:");
        c.problems().forEach(p -> System.err.println("  - " + p));
        yield ExitCode.BAD_CONFIGURATION;
      }
      case StateException s -> {
        System.err.println("tidb-sync: " + s.getMessage());
        yield ExitCode.BAD_CONFIGURATION;
      }
      case SourceUnreachableException s -> {
        System.err.println("tidb-sync: source unreachable: " + s.getMessage());
        yield ExitCode.SOURCE_UNREACHABLE;
      }
      case TidbSyncException t -> {
        System.err.println("tidb-sync: " + t.getMessage());
        yield ExitCode.TABLE_FAILED;
      }
      default -> {
        System.err.println("tidb-sync: unexpected error: " + e);
        e.printStackTrace(System.err);
        yield ExitCode.TABLE_FAILED;
      }
    };
  }
}
