package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.state.file.FileStateConfig;
import io.tidbsync.state.file.FileStateStore;
import io.tidbsync.state.file.StateJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStateStoreIT extends StatePortContract {
  @TempDir Path folder;

  Path file() {
    return folder.resolve("state.json");
  }

  @Override
  protected StatePort newStore() {
    return new FileStateStore(new FileStateConfig(file()));
  }

  /** A crash before the rename leaves a partial temporary file beside the intact old one. */
  @Override
  protected void crashDuringSave(StatePort store, SyncState state) {
    String text = new StateJson().format(state);
    try {
      Files.writeString(folder.resolve(".state.json.123.tmp"), text.substring(0, text.length() / 2));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theFileIsReadableByItsOwnerOnlyAndNoTemporaryFileRemains() throws IOException {
    try (StatePort store = newStore()) {
      store.save(sample());
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
    try (var files = Files.list(folder)) {
      assertThat(files).containsExactlyInAnyOrder(file(), folder.resolve("state.json.lock"));
    }
  }

  @Test
  void aCorruptFileIsAnErrorNamingTheFile() throws IOException {
    Files.writeString(file(), "{\"patients_last_created\": ");
    assertThatThrownBy(this::loadFresh)
        .isInstanceOf(StateException.class)
        .hasMessageContaining(file().toString())
        .hasMessageContaining("corrupt");
  }

  @Test
  void aStateFileWrittenByThePythonExampleResumes() throws IOException {
    Files.writeString(file(), """
        {"patients_last_created": "2024-05-01T10:00:00+00:00",
         "caretakers_last_error": "(1054, \\"Unknown column 'created_at' in 'where clause'\\")",
         "usual_spots_last_row_error_sample": "{\\"row_id\\": 3, \\"table_name\\": \\"usual_spots\\", \\"error_message\\": \\"bad\\", \\"created_at\\": \\"2024-05-01 10:00:00\\"}",
         "last_connection_error": "(2003, \\"Can't connect\\")"}
        """);
    SyncState state = loadFresh();
    assertThat(state.table("patients").lastCreated()).isEqualTo("2024-05-01T10:00:00+00:00");
    assertThat(state.table("patients").position()).isNull();
    assertThat(state.table("caretakers").lastError()).contains("Unknown column");
    assertThat(state.table("usual_spots").lastRowError().rowKey()).isEqualTo("3");
    assertThat(state.lastConnectionError()).contains("Can't connect");
    try (StatePort store = newStore()) {
      store.save(state);
    }
    String written = Files.readString(file());
    assertThat(written).contains("\"patients_last_created\" : \"2024-05-01T10:00:00+00:00\"");
  }
}
