package io.tidbsync.domain.config;

import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the table names the configuration gives against the source's tables. A per-table option
 * naming a table that is not synced would be ignored, and the user would believe, say, that
 * deletes are detected: so each such name is a problem, naming its key, with a "did you mean".
 */
public final class ConfiguredTables {
  private ConfiguredTables() {}

  /**
   * Names the source does not have, empty when every name is one of its tables. A run given only
   * some tables (a selection) is checked against the source, not against the selection.
   */
  public static List<String> problems(SyncConfig config, Collection<TableId> sourceTables) {
    Set<String> existing = new TreeSet<>();
    sourceTables.forEach(t -> existing.add(t.name()));
    List<String> problems = new ArrayList<>();
    for (TableRequest request : config.tables()) {
      if (request.vector().isPresent() && !existing.contains(request.table().name())) {
        problems.add(missing("VECTOR_TABLES_DATA", request.table().name(), existing));
      }
    }
    check("CURSOR_COLUMNS", config.cursorColumns().keySet(), existing, problems, "");
    check("FULL_REFRESH_TABLES", config.fullRefreshTables(), existing, problems, ", or * for all");
    check("DELETE_DETECTION", config.deleteTables(), existing, problems, "; it takes none, all, or table names");
    return problems;
  }

  /**
   * Per-table options naming a table that the configuration's own table list leaves out: they
   * would do nothing. Empty when every table is synced (no list given).
   */
  public static List<String> unlisted(SyncConfig config) {
    if (config.tables().isEmpty()) {
      return List.of();
    }
    Set<String> listed = new LinkedHashSet<>();
    config.tables().forEach(t -> listed.add(t.table().name()));
    List<String> problems = new ArrayList<>();
    for (var option : List.of(Map.entry("CURSOR_COLUMNS", config.cursorColumns().keySet()),
        Map.entry("FULL_REFRESH_TABLES", config.fullRefreshTables()),
        Map.entry("DELETE_DETECTION", config.deleteTables()))) {
      for (String name : option.getValue()) {
        if (!name.equals(SyncConfig.ALL_TABLES) && !listed.contains(name)) {
          problems.add(option.getKey() + " names table " + TableId.printable(name) + ", which is not synced: it is in"
              + " neither TABLES_PRIMARY_KEY_COLUMNS nor VECTOR_TABLES_DATA" + Suggestions.hint(name, listed));
        }
      }
    }
    return problems;
  }

  /** Tables listed to be synced that the source does not have, each with a "did you mean". */
  public static List<String> missingSyncedTables(SyncConfig config, Collection<TableId> sourceTables) {
    Set<String> existing = new TreeSet<>();
    sourceTables.forEach(t -> existing.add(t.name()));
    List<String> missing = new ArrayList<>();
    for (TableRequest request : config.tables()) {
      if (request.vector().isEmpty() && !existing.contains(request.table().name())) {
        missing.add(missing("TABLES_PRIMARY_KEY_COLUMNS", request.table().name(), existing));
      }
    }
    return missing;
  }

  private static void check(String key, Collection<String> names, Set<String> existing, List<String> problems,
      String accepted) {
    for (String name : names) {
      if (!name.equals(SyncConfig.ALL_TABLES) && !existing.contains(name)) {
        problems.add(missing(key, name, existing) + accepted);
      }
    }
  }

  private static String missing(String key, String name, Set<String> existing) {
    return key + " names table " + TableId.printable(name) + ", which the source database does not have"
        + Suggestions.hint(name, existing);
  }
}
