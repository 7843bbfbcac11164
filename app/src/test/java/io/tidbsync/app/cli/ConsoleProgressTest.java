package io.tidbsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.model.TableId;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {
  @Test
  void aTableWithAnEstimateShowsItsPercentageAndAnEta() throws Exception {
    ConsoleProgress progress = new ConsoleProgress(null);
    progress.runStarted(3);
    TableId patients = new TableId("patients");
    TableId events = new TableId("events");
    progress.tableStarted(patients);
    progress.tableStarted(events);
    progress.tableEstimated(patients, 40_000);
    Thread.sleep(20);
    progress.batchWritten(patients, 10_000);
    progress.batchWritten(events, 1_234);
    String line = progress.line(System.nanoTime());
    assertThat(line).startsWith("[0/3 tables] ").contains("patients 10,000 of ~40,000 rows, 25%")
        .containsPattern("ETA \\d+(s|m\\d\\ds)").contains("| events 1,234 rows, ").doesNotContain("events 1,234 of");
  }

  @Test
  void durationsAreShort() {
    assertThat(ConsoleProgress.duration(5)).isEqualTo("5s");
    assertThat(ConsoleProgress.duration(125)).isEqualTo("2m05s");
    assertThat(ConsoleProgress.duration(7380)).isEqualTo("2h03m");
  }
}
