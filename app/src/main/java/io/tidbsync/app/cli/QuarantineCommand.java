package io.tidbsync.app.cli;

import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.model.QuarantinedRow;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.StatePort;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "quarantine", mixinStandardHelpOptions = true,
    description = {"List rows that could not be converted and are re-read every run, or acknowledge them.",
        "Acknowledged rows are no longer retried; fix the source row and it is copied when its cursor moves."})
final class QuarantineCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--ack", paramLabel = "TABLE", description = "Acknowledge (drop from the quarantine) the rows of TABLE.")
  String acknowledge;

  @Option(names = "--key", paramLabel = "KEY", description = "With --ack: only the row with this key (comma-separated for composite keys).")
  String key;

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    try (StatePort state = Runtime.injector(configuration).getInstance(StatePort.class)) {
      return run(state);
    }
  }

  private int run(StatePort state) {
    // Listing only reads (it works while a sync runs); acknowledging changes the state, so it locks.
    SyncState current = acknowledge == null ? state.peek() : state.load();
    if (acknowledge == null) {
      int count = 0;
      for (Map.Entry<String, TableState> table : current.tables().entrySet()) {
        for (QuarantinedRow row : table.getValue().quarantine()) {
          System.out.println(TableId.printable(table.getKey() + "  key " + String.join(",", row.key()) + "  cursor "
              + row.cursor() + "  " + row.reason()));
          count++;
        }
      }
      System.out.println(count + " rows in quarantine");
      return ExitCode.OK;
    }
    TableState table = current.table(acknowledge);
    List<QuarantinedRow> kept = key == null ? List.of()
        : table.quarantine().stream().filter(r -> !String.join(",", r.key()).equals(key)).toList();
    int dropped = table.quarantine().size() - kept.size();
    state.save(current.withTable(acknowledge, table.withQuarantine(kept)));
    System.out.println("acknowledged " + dropped + " rows of " + acknowledge);
    return ExitCode.OK;
  }
}
