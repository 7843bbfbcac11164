package io.tidbsync.domain;

import io.tidbsync.domain.model.PreparedTable;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.SyncObserver;
import java.util.Optional;

/**
 * A table's saved position is used only against the destination table that received its rows.
 * The destination keeps an identity with each table it creates; the state records the identity the
 * position belongs to. When they differ (the destination file was deleted, the table dropped,
 * renamed or re-created, or this is another destination), or a state without one meets a table the
 * destination has just created, the table is copied again from its start, with a note in the report
 * and a warning. The same happens when the source added columns to a table already copied: its
 * existing rows must get their values.
 */
final class TableIdentity {
  private final StateKeeper keeper;
  private final SyncObserver observer;

  TableIdentity(StateKeeper keeper, SyncObserver observer) {
    this.keeper = keeper;
    this.observer = observer;
  }

  void reconcile(TableRun run, PreparedTable prepared) {
    String name = run.schema.table().name();
    TableState state = keeper.current().table(name);
    if (prepared.created()) {
      run.notes.add("table created");
    }
    if (!prepared.columnsAdded().isEmpty()) {
      run.notes.add("columns added: " + String.join(", ", prepared.columnsAdded()));
    }
    if (!prepared.columnsWidened().isEmpty()) {
      run.notes.add("columns widened: " + String.join(", ", prepared.columnsWidened()));
    }
    Optional<String> reason = againReason(state, prepared);
    Optional<String> identity = prepared.identity();
    boolean recordIdentity = identity.isPresent() && !identity.get().equals(state.destinationTable());
    if (reason.isEmpty() && !recordIdentity) {
      return;
    }
    if (reason.isPresent()) {
      String note = "copied again from the start: " + reason.get();
      run.notes.add(note);
      observer.warning("table " + run.schema.table() + ": " + note);
    }
    keeper.update(s -> {
      TableState table = s.table(name);
      if (reason.isPresent()) {
        table = table.withoutProgress();
      }
      return s.withTable(name, identity.map(table::withDestinationTable).orElse(table));
    });
  }

  private static Optional<String> againReason(TableState state, PreparedTable prepared) {
    if (!state.hasProgress()) {
      return Optional.empty();
    }
    String recorded = state.destinationTable();
    if (prepared.identity().isPresent() && recorded != null && !recorded.equals(prepared.identity().get())) {
      return Optional.of("the saved position belongs to another destination table (the destination was replaced, "
          + "or the table dropped, renamed or re-created)");
    }
    if (prepared.created()) {
      return Optional.of("the destination had no such table, so it holds none of the rows the saved position "
          + "had passed");
    }
    if (!prepared.columnsAdded().isEmpty()) {
      return Optional.of("the source added " + String.join(", ", prepared.columnsAdded())
          + ", and the rows already copied must get their values");
    }
    return Optional.empty();
  }
}
