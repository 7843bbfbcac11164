package io.tidbsync.app.cli;

import com.google.inject.Injector;
import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import java.time.Clock;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.StatePort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Copy new rows of every configured table into the destination (the default command).",
        "Exit codes: 0 all tables synced, 1 some table failed, 2 bad configuration or state, 3 source unreachable,",
        "4 destination unavailable."})
final class SyncCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--report", paramLabel = "FILE",
      description = "Also write the run's report as JSON to FILE (per-table counters and seconds).")
  Path report;

  @Option(names = "--tables", split = ",", paramLabel = "TABLE",
      description = "Sync only these tables (comma-separated), of those the configuration selects.")
  java.util.List<String> tables = new java.util.ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "TABLE",
      description = "Leave these tables out of this run (comma-separated).")
  java.util.List<String> exclude = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    Injector injector = Runtime.injector(configuration);
    long start;
    SyncReport result;
    try (SourcePort source = injector.getInstance(SourcePort.class);
        DestinationPort destination = injector.getInstance(DestinationPort.class);
        StatePort state = injector.getInstance(StatePort.class)) {
      start = System.nanoTime();
      ConsoleProgress progress = new ConsoleProgress(System.console() != null ? System.err : null);
      // Ctrl-C or SIGTERM mid-run: say so, and what was done, instead of ending without a word.
      Thread onInterrupt = new Thread(() -> progress.interrupted().forEach(System.err::println), "tidb-sync-interrupted");
      java.lang.Runtime.getRuntime().addShutdownHook(onInterrupt);
      try {
        SyncConfig chosen = TableChoice.apply(injector.getInstance(SyncConfig.class), source, tables, exclude);
        result = new SyncUseCase(source, destination, state, chosen, injector.getInstance(Tuning.class),
            progress, Clock.systemUTC()).run();
      } finally {
        try {
          java.lang.Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException e) {
          // the JVM is already shutting down: the hook runs
        }
      }
    }
    // After the destination closed: its last checkpoint is part of the work a user waits for.
    Duration work = Duration.ofNanos(System.nanoTime() - start);
    if (result.tables().isEmpty() && result.failure().isPresent()) {
      // Nothing was synced (bad configuration, source or destination unavailable): the reason on
      // standard error like every other error, not an empty table on standard output.
      Summary.printFailure(result.failure().get(), System.err);
    } else {
      Summary.print(result, System.out);
    }
    if (report != null) {
      try {
        ReportFile.write(report, result, work);
      } catch (IOException e) {
        System.err.println("tidb-sync: cannot write the report to " + report + ": " + e.getMessage());
      }
    }
    return ExitCode.of(result.failure());
  }
}
