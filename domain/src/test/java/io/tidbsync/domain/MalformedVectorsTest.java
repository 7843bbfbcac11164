package io.tidbsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemorySource;
import io.tidbsync.domain.testing.InMemoryStateStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;
import org.quicktheories.generators.SourceDSL;

/** Whatever text a vector column holds, the sync finishes: each row is either written or counted as skipped. */
class MalformedVectorsTest {
  @Test
  void anyVectorTextIsAWrittenRowOrASkippedRowNeverAnEscapingException() {
    io.tidbsync.domain.testing.Properties.theory(300).forAll(vectorTexts()).checkAssert(MalformedVectorsTest::syncs);
  }

  private static void syncs(List<String> texts) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      rows.add(Row.of((long) i, texts.get(i), SyncUseCaseTest.T0.plusSeconds(i % 4)));
    }
    InMemorySource source = new InMemorySource().table(SyncUseCaseTest.spots(), rows);
    InMemoryDestination destination = new InMemoryDestination();
    SyncConfig config = new SyncConfig(List.of(new TableRequest(SyncUseCaseTest.SPOTS, List.of("id"), "created_at",
        Optional.empty())), "created_at", 3, DateTimePolicy.ASSUME_UTC, RowErrorPolicy.SKIP);
    SyncReport report = new SyncUseCase(source, destination, new InMemoryStateStore(), config, SyncObserver.NONE).run();
    assertThat(report.failure()).isEmpty();
    var table = report.tables().get(0);
    assertThat(table.rowsUpserted() + table.rowsSkipped()).isEqualTo(texts.size());
    assertThat(destination.table(SyncUseCaseTest.SPOTS)).hasSize((int) table.rowsUpserted());
  }

  static Gen<List<String>> vectorTexts() {
    Gen<Float> floats = SourceDSL.floats().between(-1e6f, 1e6f);
    Gen<String> valid = floats.zip(floats, (a, b) -> "[" + a + ", " + b + "]");
    Gen<String> noise = io.tidbsync.domain.testing.Properties.text("[]0123456789.,-+eE xNaInfity", 20);
    return SourceDSL.lists().of(Generate.oneOf(valid, noise)).ofSizeBetween(0, 12);
  }

}
