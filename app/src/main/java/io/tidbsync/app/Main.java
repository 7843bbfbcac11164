package io.tidbsync.app;

import io.tidbsync.app.cli.ExitCode;
import io.tidbsync.app.cli.TidbSyncCommand;
import io.tidbsync.app.config.ConfigurationException;
import io.tidbsync.app.launch.RunLength;
import io.tidbsync.domain.failure.DestinationUnavailableException;
import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.TidbSyncException;
import io.tidbsync.domain.model.TableId;
import java.time.Duration;
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
    long start = System.nanoTime();
    String[] arguments = withDefaultCommand(args);
    CommandLine cli = TidbSyncCommand.forArguments(arguments);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> handle(e));
    int code = cli.execute(arguments);
    if (code == 0 && arguments[0].equals("sync")) {
      RunLength.record(Duration.ofNanos(System.nanoTime() - start));
    }
    return code;
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
        c.warnings().forEach(w -> error("tidb-sync: warning: ", w));
        System.err.println("tidb-sync: bad configuration:");
        c.problems().forEach(p -> error("  - ", p));
        yield ExitCode.BAD_CONFIGURATION;
      }
      case io.tidbsync.domain.failure.SourceConfigurationException s -> {
        System.err.println("tidb-sync: bad configuration:");
        error("  - ", s.getMessage());
        yield ExitCode.BAD_CONFIGURATION;
      }
      case io.tidbsync.app.cli.CannotListenException c -> {
        error("tidb-sync: ", c.getMessage());
        yield ExitCode.BAD_CONFIGURATION;
      }
      case StateException s -> {
        error("tidb-sync: ", s.getMessage());
        yield ExitCode.BAD_CONFIGURATION;
      }
      case DestinationUnavailableException d -> {
        error("tidb-sync: destination unavailable: ", d.getMessage());
        yield ExitCode.DESTINATION_UNAVAILABLE;
      }
      case SourceUnreachableException s -> {
        error("tidb-sync: source unreachable: ", s.getMessage());
        yield ExitCode.SOURCE_UNREACHABLE;
      }
      case TidbSyncException t -> {
        error("tidb-sync: ", t.getMessage());
        yield ExitCode.TABLE_FAILED;
      }
      default -> {
        System.err.println("tidb-sync: unexpected error: " + e);
        e.printStackTrace(System.err);
        yield ExitCode.TABLE_FAILED;
      }
    };
  }

  /**
   * Prints a message line by line, each line's control characters escaped: messages quote table
   * names and servers' error texts, which must not forge lines or reach the terminal raw.
   */
  private static void error(String prefix, String message) {
    String text = message == null ? "" : io.tidbsync.domain.failure.Messages.withoutClassNames(message);
    String indent = " ".repeat(Math.min(prefix.length(), 4));
    boolean first = true;
    for (String line : text.lines().toList()) {
      System.err.println((first ? prefix : indent) + TableId.printable(line));
      first = false;
    }
    if (first) {
      System.err.println(prefix);
    }
  }
}
