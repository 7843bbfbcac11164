package io.tidbsync.app.cli;

import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.model.FirstSyncRanges;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.state.file.StateJson;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "state", mixinStandardHelpOptions = true,
    description = {"Print the saved state: per table, where the next run goes on from, the last error and the rows in"
        + " quarantine. --json prints the state's JSON as stored."})
final class StateCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--json", description = "The state as stored (the state file's JSON layout).")
  boolean json;

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    if (configuration.stateStore().equals("file") && !Files.exists(configuration.state().file())) {
      System.out.println("no state file at " + configuration.state().file().toAbsolutePath()
          + ": nothing has been synced with this configuration yet (the next sync copies every table from the start)");
      return ExitCode.OK;
    }
    try (StatePort state = Runtime.injector(configuration).getInstance(StatePort.class)) {
      // Without the lock, so it works while a sync runs.
      SyncState saved = state.peek();
      if (json) {
        System.out.print(new StateJson().format(saved));
      } else {
        print(saved, System.out);
      }
    }
    return ExitCode.OK;
  }

  static void print(SyncState state, PrintStream out) {
    if (state.snapshot() != null) {
      out.println("last run read the source at " + state.snapshot().time() + " (TSO " + state.snapshot().tso() + ")");
    }
    if (state.lastConnectionError() != null) {
      out.println("last connection error: " + TableId.printable(state.lastConnectionError()));
    }
    if (state.tables().isEmpty()) {
      out.println("no table has been synced yet");
    }
    for (Map.Entry<String, TableState> entry : state.tables().entrySet()) {
      TableState t = entry.getValue();
      out.println(TableId.printable(entry.getKey()) + ":");
      if (t.position() != null) {
        out.println("  goes on after " + t.position().cursorColumn() + " = " + TableId.printable(t.position().cursor())
            + (t.position().key().isEmpty() ? "" : ", key " + TableId.printable(String.join(", ", t.position().key()))));
      } else if (t.lastCreated() != null) {
        out.println("  goes on from created_at " + TableId.printable(t.lastCreated()) + " (the Python example's position)");
      } else {
        out.println("  no position: the next run reads it whole");
      }
      FirstSyncRanges first = t.firstSync();
      if (first != null) {
        long done = first.ranges().stream().filter(FirstSyncRanges.KeyRange::done).count();
        out.println("  first sync under way: " + done + " of " + first.ranges().size() + " key ranges done");
      }
      if (t.lastError() != null) {
        out.println("  last error: " + TableId.printable(t.lastError()));
      }
      if (!t.quarantine().isEmpty()) {
        out.println("  in quarantine: " + Summary.plural(t.quarantine().size(), "row")
            + " (tidb-sync quarantine lists them)");
      }
    }
  }
}
