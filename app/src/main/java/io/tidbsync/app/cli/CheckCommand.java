package io.tidbsync.app.cli;

import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.ConfiguredTables;
import io.tidbsync.domain.model.SourceFacts;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.TableDiscovery;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Connect to the source and list the tables a sync would copy, with key and cursor.",
        "Exit codes: 0 ready, 1 some table cannot be synced, 2 bad configuration (a table name too), 3 source unreachable."})
final class CheckCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    try (SourcePort source = Runtime.injector(configuration).getInstance(SourcePort.class)) {
      List<TableDiscovery> found = source.describe(SyncUseCase.requests(configuration.sync(), source));
      System.out.println("connected to " + configuration.source().describe());
      SourceFacts facts = source.facts();
      System.out.println("server: " + facts.serverVersion());
      System.out.println(facts.snapshots()
          ? "snapshot reads: every read of a run is at one snapshot (TiDB's stale read at one TSO), held open for the run"
          : "snapshot reads: not available on this server; each table is read as it is at the time (consistency across"
              + " tables is not guaranteed)");
      facts.gcLifeTime().ifPresent(life -> System.out.println("old row versions: kept " + minutes(life)
          + " (tidb_gc_life_time); an open transaction holds them up to "
          + facts.gcMaxWait().map(CheckCommand::minutes).orElse("?") + " (tidb_gc_max_wait_time), so a run may last"
          + " that long; a snapshot found expired is renewed and the table read again from its checkpoint"));
      boolean watermark = source.commitWatermark().isPresent();
      System.out.println("late commits: " + (watermark
          ? "rows newer than the oldest open transaction wait for the next run (open transactions are visible),"
              + " plus a look-back window of " + configuration.sync().lookBack().toSeconds() + " s"
          : "open transactions are NOT visible to this user (grant PROCESS to see them); the look-back window of "
              + configuration.sync().lookBack().toSeconds() + " s (LOOKBACK_SECONDS) alone catches late commits"));
      List<String> namesWrong = ConfiguredTables.problems(configuration.sync(), source.listTables());
      namesWrong.forEach(problem -> System.out.println("  ERROR " + problem));
      int bad = 0;
      for (TableDiscovery discovery : found) {
        switch (discovery) {
          case TableDiscovery.Described d -> System.out.printf("  ok    %-30s key (%s)  %s  %d columns%s%n",
              d.table(), String.join(", ", d.schema().primaryKey()),
              d.schema().cursor().map(c -> "cursor " + c).orElse("full refresh"), d.schema().columns().size(),
              size(source, d.schema(), configuration.tuning().splitRows()));
          case TableDiscovery.Undescribable u -> {
            bad++;
            System.out.printf("  ERROR %-30s %s%n", u.table(), u.reason());
          }
        }
        if (discovery instanceof TableDiscovery.Described d) {
          if (d.schema().primaryKey().isEmpty()) {
            System.out.printf("  note  %-30s has no key: synced by _fivetran_id (a hash of each row), read whole every run%n",
                d.table());
          }
          java.util.Optional<String> problem = source.keyProblem(d.schema());
          if (problem.isPresent()) {
            bad++;
            System.out.printf("  ERROR %-30s %s%n", d.table(), problem.get());
          }
        }
      }
      System.out.println(found.size() + " tables, " + bad + " with problems"
          + (namesWrong.isEmpty() ? "" : "; the configuration names tables wrongly (above)"));
      if (!namesWrong.isEmpty()) {
        return ExitCode.BAD_CONFIGURATION;
      }
      return bad == 0 ? ExitCode.OK : ExitCode.TABLE_FAILED;
    }
  }

  private static String minutes(java.time.Duration duration) {
    return duration.toMinutes() >= 120 ? duration.toHours() + " h" : duration.toMinutes() + " min";
  }

  /**
   * The server's row estimate and, for a table big enough to be read in key ranges on its first
   * sync, how many storage regions hold it (TiDB).
   */
  private static String size(SourcePort source, io.tidbsync.domain.model.TableSchema schema, long splitRows) {
    java.util.OptionalLong rows = source.estimatedRows(schema);
    if (rows.isEmpty()) {
      return "";
    }
    String text = String.format(java.util.Locale.ROOT, "  ~%,d rows", rows.getAsLong());
    if (splitRows > 0 && rows.getAsLong() >= 2 * splitRows) {
      java.util.OptionalInt regions = source.regionCount(schema);
      if (regions.isPresent()) {
        text += ", " + regions.getAsInt() + " regions";
      }
    }
    return text;
  }

}
