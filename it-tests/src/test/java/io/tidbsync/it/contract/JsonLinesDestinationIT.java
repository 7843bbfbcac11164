package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.destination.jsonlines.JsonLinesConfig;
import io.tidbsync.destination.jsonlines.JsonLinesDestination;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.it.e2e.JsonLinesTables;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesDestinationIT extends DestinationPortContract {
  @TempDir Path folder;
  long rotateBytes = JsonLinesConfig.DEFAULT_ROTATE_BYTES;

  @Override
  protected DestinationPort newDestination() {
    return new JsonLinesDestination(new JsonLinesConfig(folder, rotateBytes));
  }

  @Override
  protected List<Map<String, Object>> readBack(String table) {
    try (Stream<Path> tables = Files.list(folder)) {
      Path tableFolder = tables.filter(p -> {
        try {
          return new com.fasterxml.jackson.databind.ObjectMapper().readTree(p.resolve("schema.json").toFile())
              .get("table").asText().equals(table);
        } catch (IOException e) {
          return false;
        }
      }).findFirst().orElseThrow(() -> new AssertionError("no folder for table " + table + " in " + folder));
      return JsonLinesTables.read(tableFolder);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected boolean countsOnlyChangedRows() {
    return false;
  }

  @Test
  void filesRotateBySizeAndEveryLineIsOneCompleteObject() throws IOException {
    destination = new JsonLinesDestination(new JsonLinesConfig(folder, 4096));
    destination.prepare(TYPED);
    for (int b = 0; b < 10; b++) {
      List<Row> batch = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        batch.add(typedRow(b * 20 + i, "row\n\t\"" + i));
      }
      destination.upsert(TYPED, batch);
    }
    List<Path> parts;
    try (Stream<Path> files = Files.list(folder.resolve("typed"))) {
      parts = files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
    }
    assertThat(parts).hasSizeGreaterThan(2);
    long lines = 0;
    for (Path part : parts) {
      for (String line : Files.readAllLines(part)) {
        assertThat(line).startsWith("{\"op\":\"upsert\"").endsWith("}");
        lines++;
      }
    }
    assertThat(lines).isEqualTo(200);
    assertThat(readBack("typed")).hasSize(200);
  }

  @Test
  void aLineTornByACrashIsCutWhenTheTableIsPreparedAgain() throws IOException {
    destination.prepare(TYPED);
    destination.upsert(TYPED, List.of(typedRow(1, "whole")));
    Path part = folder.resolve("typed").resolve("part-000001.jsonl");
    Files.writeString(part, "{\"op\":\"upsert\",\"id\":2,\"fla", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    destination = newDestination();
    destination.prepare(TYPED);
    destination.upsert(TYPED, List.of(typedRow(2, "again")));
    assertThat(readBack("typed")).extracting(r -> r.get("text")).containsExactly("whole", "again");
  }

  @Test
  void tableNamesBecomeSafeFolderNames() {
    assertThat(JsonLinesDestination.folderName("a/b")).isEqualTo("a%2Fb");
    assertThat(JsonLinesDestination.folderName("..")).isEqualTo("%2E.");
    assertThat(JsonLinesDestination.folderName("user")).isEqualTo("user");
  }
}
