package io.tidbsync.app.cli;

import com.google.inject.Injector;
import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.StatePort;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Copy new rows of every configured table into the destination (the default command).",
        "Exit codes: 0 all tables synced, 1 some table failed, 2 bad configuration or state, 3 source unreachable."})
final class SyncCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    Injector injector = Runtime.injector(configuration);
    try (SourcePort source = injector.getInstance(SourcePort.class);
        DestinationPort destination = injector.getInstance(DestinationPort.class)) {
      SyncReport report = new SyncUseCase(source, destination, injector.getInstance(StatePort.class),
          injector.getInstance(SyncConfig.class), new ConsoleProgress(System.console() != null ? System.err : null)).run();
      Summary.print(report, System.out);
      return ExitCode.of(report.failure());
    }
  }
}
