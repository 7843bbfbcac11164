package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidbsync.it.servers.TestServers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A state file that cannot be trusted stops the run with exit 2, naming the table and the stored
 * value at fault, before any row is written; the file is left as it was for the user to look at.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class StateFileProblemsIT extends JarOnEachSource {
  static final ObjectMapper JSON = new ObjectMapper();

  @Override
  String databasePrefix() {
    return "statefile";
  }

  @BeforeEach
  void createPatientsAndConfiguration() throws Exception {
    db.execute("CREATE TABLE patients (id INT PRIMARY KEY, name VARCHAR(20), created_at DATETIME);\n"
        + "INSERT INTO patients VALUES (1, 'a', '2024-01-01'), (2, 'b', '2024-01-02')");
    writeConfiguration(config());
  }

  JarRun sync() {
    return JarRun.run(folder, Map.of("TIDB_PASS", server.password()), "sync");
  }

  /** A first sync, then the state's stored position for patients changed by {@code edit}. */
  JarRun syncAfterEditingPosition(Consumer<ObjectNode> edit) throws Exception {
    JarRun first = sync();
    assertThat(first.exitCode()).as(first.toString()).isZero();
    Path file = folder.resolve("state.json");
    ObjectNode state = (ObjectNode) JSON.readTree(file.toFile());
    edit.accept((ObjectNode) state.path("tidbsync").path("tables").path("patients"));
    String edited = JSON.writeValueAsString(state);
    Files.writeString(file, edited);
    db.execute("INSERT INTO patients VALUES (3, 'c', '2024-01-03')");
    JarRun run = sync();
    assertThat(Files.readString(file)).as("the state is left as it was").isEqualTo(edited);
    assertThat(DuckDbTables.read(folder.resolve("warehouse.duckdb"), db.name(), "patients"))
        .as("nothing was written").hasSize(2);
    return run;
  }

  @Test
  void aCursorThatIsNotADateTimeIsExitTwoNamingTableAndColumn() throws Exception {
    JarRun run = syncAfterEditingPosition(p -> p.put("cursor", "garbage"));
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr()).contains("state of table patients: the stored cursor created_at = \"garbage\"")
        .contains("tidb-sync reset patients").doesNotContain("\tat ").doesNotContain("Exception");
  }

  @Test
  void aKeyThatIsNotANumberIsExitTwoNamingTableAndKey() throws Exception {
    JarRun run = syncAfterEditingPosition(p -> ((ArrayNode) p.get("key")).removeAll().add("two"));
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr()).contains("state of table patients: the stored key id = \"two\" is not a");
  }

  @Test
  void aCursorFarInTheFutureIsExitTwoInsteadOfATableThatStopsReading() throws Exception {
    JarRun run = syncAfterEditingPosition(p -> p.put("cursor", "2999-01-01T00:00:00"));
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr()).contains("state of table patients: the stored cursor created_at = 2999-01-01T00:00:00Z"
        + " is in the future");
  }

  @Test
  void anEmptyOrBinaryStateFileIsCorruptNotAFreshStart() throws Exception {
    Path file = folder.resolve("state.json");
    Files.write(file, new byte[0]);
    JarRun empty = sync();
    assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(2);
    assertThat(empty.stderr()).contains("state file").contains("is corrupt: it is empty");
    assertThat(folder.resolve("warehouse.duckdb")).satisfiesAnyOf(p -> assertThat(p).doesNotExist(),
        p -> assertThat(DuckDbTables.tableNames(p, db.name())).doesNotContain("patients"));
    assertThat(Files.size(file)).isZero();

    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
    JarRun binary = sync();
    assertThat(binary.exitCode()).as(binary.toString()).isEqualTo(2);
    assertThat(binary.stderr()).contains("is corrupt: it is not UTF-8 text");
  }
}
