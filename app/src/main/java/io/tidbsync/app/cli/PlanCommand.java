package io.tidbsync.app.cli;

import com.google.inject.Injector;
import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.model.FirstSyncRanges;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.domain.port.TableDiscovery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The dry run: what {@code sync} would do with each table, from the source's schema and the saved
 * state, with the server's row estimate. It reads the source's catalog and the state only; it
 * opens no destination and writes nothing.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = {"Dry run: what a sync would do with each table (first sync, incremental from where, full refresh,"
        + " delete detection) and the server's estimate of its rows. Writes nothing."})
final class PlanCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Option(names = "--tables", split = ",", paramLabel = "TABLE", description = "Only these tables, as sync --tables.")
  List<String> tables = new ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "TABLE", description = "Leave these out, as sync --exclude.")
  List<String> exclude = new ArrayList<>();

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    Injector injector = Runtime.injector(configuration);
    SyncState saved;
    if (configuration.stateStore().equals("file") && !java.nio.file.Files.exists(configuration.state().file())) {
      saved = SyncState.EMPTY;
      System.out.println("no state file at " + configuration.state().file().toAbsolutePath() + ": every table is a first sync");
    } else {
      try (StatePort state = injector.getInstance(StatePort.class)) {
        saved = state.peek();
      }
    }
    try (SourcePort source = injector.getInstance(SourcePort.class)) {
      SyncConfig chosen = TableChoice.apply(configuration.sync(), source, tables, exclude);
      List<TableRequest> requests = SyncUseCase.requests(chosen, source);
      List<TableDiscovery> found = source.describe(requests);
      int bad = 0;
      for (int i = 0; i < found.size(); i++) {
        TableDiscovery discovery = found.get(i);
        TableRequest request = requests.get(i);
        switch (discovery) {
          case TableDiscovery.Undescribable u -> {
            bad++;
            System.out.println(TableId.printable(u.table().name()) + ": cannot be synced: " + u.reason());
          }
          case TableDiscovery.Described d -> System.out.println(TableId.printable(d.table().name()) + ": "
              + what(d.schema(), request, saved.table(d.table().name()), chosen) + estimate(source, d.schema()));
        }
      }
      System.out.println(Summary.plural(found.size(), "table") + "; nothing was written. A table whose destination copy"
          + " is gone or was made elsewhere is copied again from the start.");
      return bad == 0 ? ExitCode.OK : ExitCode.TABLE_FAILED;
    }
  }

  static String what(TableSchema schema, TableRequest request, TableState state, SyncConfig config) {
    List<String> parts = new ArrayList<>();
    if (schema.primaryKey().isEmpty()) {
      parts.add("no key: read whole every run, keyed by _fivetran_id");
    } else if (schema.cursor().isEmpty()) {
      parts.add("full refresh: read whole by key (" + String.join(", ", schema.primaryKey()) + ")");
    } else if (state.firstSync() != null) {
      FirstSyncRanges first = state.firstSync();
      long done = first.ranges().stream().filter(FirstSyncRanges.KeyRange::done).count();
      parts.add("first sync under way: goes on with " + (first.ranges().size() - done) + " of "
          + first.ranges().size() + " key ranges");
    } else if (state.position() != null) {
      parts.add("incremental: rows after " + state.position().cursorColumn() + " = "
          + TableId.printable(state.position().cursor()) + ", re-reading the " + config.lookBack().toSeconds()
          + " s before it");
    } else if (state.lastCreated() != null) {
      parts.add("incremental: rows from created_at " + TableId.printable(state.lastCreated())
          + " (the Python example's position)");
    } else {
      parts.add("first sync: copied whole, in " + schema.cursor().get() + " order");
    }
    if (request.detectDeletes()) {
      parts.add("deletes found by comparing keys");
    }
    if (schema.cursor().isPresent() && !schema.primaryKey().isEmpty()) {
      parts.add(request.includeNullCursor() ? "rows with a NULL cursor copied too" : "rows with a NULL cursor only counted");
    }
    if (!state.quarantine().isEmpty()) {
      parts.add(Summary.plural(state.quarantine().size(), "quarantined row") + " read again");
    }
    return String.join("; ", parts);
  }

  private static String estimate(SourcePort source, TableSchema schema) {
    try {
      return source.estimatedRows(schema).stream().mapToObj(n -> "; about " + Summary.plural(n, "row") + " in the table")
          .findFirst().orElse("");
    } catch (RuntimeException e) {
      return "";
    }
  }
}
