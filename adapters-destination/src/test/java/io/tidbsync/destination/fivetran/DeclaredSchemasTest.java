package io.tidbsync.destination.fivetran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fivetran_sdk.v2.Column;
import fivetran_sdk.v2.UpdateResponse;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A table's definition is declared by a SchemaChange when Fivetran was not told of it as it is now. */
class DeclaredSchemasTest {
  static TableSchema table(ColumnSpec... extra) {
    List<ColumnSpec> columns = new ArrayList<>(List.of(
        new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
        new ColumnSpec("name", new LogicalType.StringType(), true, "varchar(20)")));
    columns.addAll(List.of(extra));
    return new TableSchema(TableId.of("t"), columns, List.of("id"), Optional.empty());
  }

  static List<String> schemaChanges(List<UpdateResponse> messages) {
    List<String> out = new ArrayList<>();
    for (UpdateResponse m : messages) {
      if (m.hasSchemaChange()) {
        m.getSchemaChange().getWithoutSchema().getTablesList().forEach(t -> out.add(t.getName() + "("
            + String.join(",", t.getColumnsList().stream().map(Column::getName).toList()) + ")"));
      }
    }
    return out;
  }

  @Test
  void aTableIsDeclaredOnceAndAgainWhenAColumnIsAddedOrWidened() {
    List<UpdateResponse> out = new ArrayList<>();
    FivetranMemory memory = FivetranMemory.fresh();
    FivetranDestination destination = new FivetranDestination(out::add, Set.of(), Set.of(), memory);
    destination.prepare(table());
    destination.prepare(table());
    destination.prepare(table(new ColumnSpec("added", new LogicalType.IntType(), true, "int")));
    destination.prepare(table(new ColumnSpec("added", new LogicalType.LongType(), true, "bigint")));
    assertThat(schemaChanges(out)).containsExactly("t(id,name)", "t(id,name,added)", "t(id,name,added)");
    assertThat(out.get(2).getSchemaChange().getWithoutSchema().getTables(0).getColumns(2).getType())
        .isEqualTo(fivetran_sdk.v2.DataType.LONG);
  }

  @Test
  void theNextUpdateRemembersWhatWasDeclared() {
    SentRowsTest.Keeping codec = new SentRowsTest.Keeping();
    List<UpdateResponse> out = new ArrayList<>();
    FivetranMemory first = FivetranMemory.fresh();
    new FivetranDestination(out::add, Set.of(), Set.of(), first).prepare(table());
    new FivetranStateStore(null, codec, out::add, first.entries()).save(SyncState.EMPTY);
    String checkpoint = out.get(out.size() - 1).getCheckpoint().getStateJson();

    out.clear();
    FivetranMemory second = FivetranMemory.fresh();
    new FivetranStateStore(checkpoint, codec, out::add, second.entries()).load();
    FivetranDestination next = new FivetranDestination(out::add, Set.of(), Set.of(), second);
    next.prepare(table());
    assertThat(schemaChanges(out)).isEmpty();
    next.prepare(table(new ColumnSpec("added", new LogicalType.IntType(), true, "int")));
    assertThat(schemaChanges(out)).containsExactly("t(id,name,added)");
  }

  @Test
  void aMalformedEntryIsRefusedNamingWhere() {
    assertThatThrownBy(() -> new DeclaredSchemas().restore("{\"t\": 1}"))
        .hasMessageContaining(DeclaredSchemas.STATE_KEY + ".t");
    assertThatThrownBy(() -> new DeclaredSchemas().restore("{")).hasMessageContaining(DeclaredSchemas.STATE_KEY);
  }
}
