package io.tidbsync.app.cli;

import io.tidbsync.app.config.ConfigurationException;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.Suggestions;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.port.SourcePort;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code --tables} and {@code --exclude}: a run over some of the configured tables, chosen on the
 * command line, without editing the configuration. A name that is not among the tables to sync is
 * an error with a "did you mean", never silently nothing.
 */
final class TableChoice {
  private TableChoice() {}

  static SyncConfig apply(SyncConfig config, SourcePort source, List<String> only, List<String> exclude) {
    if (only.isEmpty() && exclude.isEmpty()) {
      return config;
    }
    List<TableRequest> all = SyncUseCase.requests(config, source);
    Set<String> known = new TreeSet<>();
    all.forEach(t -> known.add(t.table().name()));
    List<String> problems = new ArrayList<>();
    check("--tables", only, known, problems);
    check("--exclude", exclude, known, problems);
    List<TableRequest> chosen = all.stream()
        .filter(t -> only.isEmpty() || only.contains(t.table().name()))
        .filter(t -> !exclude.contains(t.table().name()))
        .toList();
    if (problems.isEmpty() && chosen.isEmpty()) {
      problems.add("--tables and --exclude leave no table to sync");
    }
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
    return config.withTables(chosen);
  }

  private static void check(String option, List<String> names, Set<String> known, List<String> problems) {
    for (String name : names) {
      if (!known.contains(name)) {
        problems.add(option + " names table " + TableId.printable(name) + ", which is not among the tables to sync"
            + Suggestions.hint(name, known));
      }
    }
  }
}
