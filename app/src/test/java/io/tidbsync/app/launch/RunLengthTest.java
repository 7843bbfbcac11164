package io.tidbsync.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLengthTest {
  @TempDir Path folder;

  @AfterEach
  void clear() {
    System.clearProperty(RunLength.PROPERTY);
    System.clearProperty(RunLength.FOLDER_PROPERTY);
  }

  @Test
  void aRunIsShortUnderTheThresholdAndLongFromIt() throws Exception {
    Path file = folder.resolve("run-1");
    System.setProperty(RunLength.PROPERTY, file.toString());
    RunLength.record(RunLength.LONG.minusMillis(1));
    assertThat(Files.readString(file)).isEqualTo("short\n");
    RunLength.record(RunLength.LONG);
    assertThat(Files.readString(file)).isEqualTo("long\n");
    RunLength.record(Duration.ofMillis(300));
    assertThat(Files.readString(file)).isEqualTo("short\n");
    try (var files = Files.list(folder)) {
      assertThat(files).as("no temporary file left").containsExactly(file);
    }
  }

  @Test
  void withoutTheLaunchersPropertyNothingIsWritten() throws Exception {
    RunLength.record(Duration.ofSeconds(1));
    try (var files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aFolderThatCannotBeWrittenLeavesTheRunAlone() {
    System.setProperty(RunLength.PROPERTY, folder.resolve("missing").resolve("run-1").toString());
    RunLength.record(Duration.ofSeconds(1));
    assertThat(folder.resolve("missing")).doesNotExist();
  }

  @Test
  void forgettingRemovesEveryRunLengthAndNothingElse() throws Exception {
    Path one = Files.writeString(folder.resolve("run-123"), "short\n");
    Path two = Files.writeString(folder.resolve("run-456"), "long\n");
    Path cache = Files.writeString(folder.resolve("tidb-sync-1-2-sync.aot"), "x");
    Path lookalike = Files.writeString(folder.resolve("run-1.conf"), "x");
    RunLength.forgetAll();
    assertThat(one).as("without the launcher's property nothing is removed").exists();
    System.setProperty(RunLength.FOLDER_PROPERTY, folder.toString());
    RunLength.forgetAll();
    assertThat(one).doesNotExist();
    assertThat(two).doesNotExist();
    assertThat(cache).exists();
    assertThat(lookalike).exists();
  }
}
