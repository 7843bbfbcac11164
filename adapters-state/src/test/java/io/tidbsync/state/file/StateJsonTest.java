package io.tidbsync.state.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.model.SyncState;
import org.junit.jupiter.api.Test;

class StateJsonTest {
  private final StateJson json = new StateJson();

  /** A wrong shape of the tool's own section must not read as "no positions", which means a full re-sync. */
  @Test
  void theToolsOwnSectionInAWrongShapeIsCorruptNotEmpty() {
    assertThatThrownBy(() -> json.parse("{\"tidbsync\": 5}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"tidbsync\" must be an object")
        .hasMessageContaining("5");
    assertThatThrownBy(() -> json.parse("{\"tidbsync\": {\"tables\": [1, 2]}}"))
        .hasMessageContaining("tidbsync.tables must be an object");
    assertThatThrownBy(() -> json.parse("{\"tidbsync\": {\"tables\": {\"orders\": \"x\"}}}"))
        .hasMessageContaining("tidbsync.tables.orders must be an object");
  }

  @Test
  void positionsAndForeignKeysSurviveARoundTrip() {
    String text = "{\"orders_last_created\": \"2024-05-01T10:00:00+00:00\", \"someone_else\": [1, {\"a\": 2}],"
        + " \"tidbsync\": {\"tables\": {\"orders\": {\"cursor_column\": \"created_at\","
        + " \"cursor\": \"2024-05-01T10:00:00.123456Z\", \"key\": [\"42\"]}}}}";
    SyncState state = json.parse(text);
    assertThat(state.tables().get("orders").position().cursor()).isEqualTo("2024-05-01T10:00:00.123456Z");
    assertThat(state.tables().get("orders").position().key()).containsExactly("42");
    SyncState again = json.parse(json.format(state));
    assertThat(again).isEqualTo(state);
    assertThat(json.format(again)).contains("\"someone_else\"");
  }

  @Test
  void anEmptyDocumentIsAnEmptyState() {
    assertThat(json.parse("")).isEqualTo(SyncState.EMPTY);
  }
}
