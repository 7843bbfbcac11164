package io.tidbsync.app.cli;

import io.tidbsync.app.config.Configuration;
import io.tidbsync.app.launch.RunLength;
import io.tidbsync.domain.config.Suggestions;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.StatePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reset", mixinStandardHelpOptions = true,
    description = {"Forget where the named tables were read to, so the next sync copies them again from the start.",
        "The destination's rows stay; the next sync writes every row again (rows deleted at the source meanwhile",
        "are found only with DELETE_DETECTION). Exit codes: 0 done, 2 an unknown table or a state in use."})
final class ResetCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Parameters(paramLabel = "TABLE", arity = "0..*", description = "Tables to copy again.")
  List<String> tables = new ArrayList<>();

  @Option(names = "--all", description = "Every table in the state.")
  boolean all;

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    if (tables.isEmpty() == !all) {
      System.err.println("tidb-sync reset: name the tables to copy again, or give --all");
      return ExitCode.BAD_CONFIGURATION;
    }
    try (StatePort state = Runtime.injector(configuration).getInstance(StatePort.class)) {
      SyncState current = state.load();
      Set<String> known = new TreeSet<>(current.tables().keySet());
      configuration.sync().tables().stream().map(TableRequest::table).forEach(t -> known.add(t.name()));
      List<String> chosen = all ? List.copyOf(current.tables().keySet()) : tables;
      List<String> unknown = chosen.stream().filter(t -> !known.contains(t)).toList();
      if (!unknown.isEmpty()) {
        for (String table : unknown) {
          System.err.println("tidb-sync reset: table " + table + " is neither configured nor in the state"
              + Suggestions.hint(table, known));
        }
        return ExitCode.BAD_CONFIGURATION;
      }
      SyncState next = current;
      for (String table : chosen) {
        TableState was = next.table(table);
        next = next.withTable(table, was.withoutProgress().withQuarantine(List.of()));
      }
      state.save(next);
      RunLength.forgetAll();
      for (String table : chosen) {
        System.out.println("reset " + table + ": the next sync copies it again from the start");
      }
      return ExitCode.OK;
    }
  }
}
