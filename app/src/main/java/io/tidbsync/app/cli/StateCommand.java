package io.tidbsync.app.cli;

import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.state.file.StateJson;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Print the saved state: per-table positions and error markers.")
final class StateCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    try (StatePort state = Runtime.injector(configuration).getInstance(StatePort.class)) {
      // Without the lock, so it works while a sync runs.
      System.out.print(new StateJson().format(state.peek()));
    }
    return ExitCode.OK;
  }
}
