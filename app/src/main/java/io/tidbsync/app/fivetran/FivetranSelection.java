package io.tidbsync.app.fivetran;

import fivetran_sdk.v2.Selection;
import fivetran_sdk.v2.TableSelection;
import java.util.HashMap;
import java.util.Map;

/**
 * What an Update's {@code Selection} includes. Tables and columns it names follow its
 * {@code included} flags; those it does not name (new since the user chose) follow
 * {@code include_new_tables} and {@code include_new_columns}. No selection: everything.
 */
final class FivetranSelection {
  private final boolean all;
  private final boolean newTables;
  private final Map<String, TableSelection> tables = new HashMap<>();

  private FivetranSelection(boolean all, boolean newTables) {
    this.all = all;
    this.newTables = newTables;
  }

  static FivetranSelection of(Selection selection, boolean present) {
    if (!present || selection.getSelectionCase() == Selection.SelectionCase.SELECTION_NOT_SET) {
      return new FivetranSelection(true, true);
    }
    if (selection.hasWithoutSchema()) {
      FivetranSelection out = new FivetranSelection(false, selection.getWithoutSchema().getIncludeNewTables());
      selection.getWithoutSchema().getTablesList().forEach(t -> out.tables.put(t.getTableName(), t));
      return out;
    }
    // tidb-sync declares its tables without a schema; a schema-shaped selection is read all the same.
    FivetranSelection out = new FivetranSelection(false, selection.getWithSchema().getIncludeNewSchemas());
    selection.getWithSchema().getSchemasList().forEach(s -> s.getTablesList().forEach(t -> {
      if (s.getIncluded()) {
        out.tables.put(t.getTableName(), t);
      }
    }));
    return out;
  }

  boolean tableSelected(String table) {
    if (all) {
      return true;
    }
    TableSelection chosen = tables.get(table);
    return chosen == null ? newTables : chosen.getIncluded();
  }

  boolean columnSelected(String table, String column) {
    if (all) {
      return true;
    }
    TableSelection chosen = tables.get(table);
    if (chosen == null) {
      return true;
    }
    Boolean flag = chosen.getColumnsMap().get(column);
    return flag == null ? chosen.getIncludeNewColumns() : flag;
  }
}
