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
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever text a vector column holds, the sync finishes: each row is either written or counted as skipped. */
class MalformedVectorsTest {
  @Property(tries = 300)
  void anyVectorTextIsAWrittenRowOrASkippedRowNeverAnEscapingException(
      @ForAll("vectorTexts") List<String> texts) {
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

  @Provide
  Arbitrary<List<String>> vectorTexts() {
    Arbitrary<String> valid = Arbitraries.floats().between(-1e6f, 1e6f).list().ofSize(2)
        .map(v -> "[" + v.get(0) + ", " + v.get(1) + "]");
    Arbitrary<String> noise = Arbitraries.strings().withChars("[]0123456789.,-+eE xNaInfity").ofMaxLength(20);
    return Arbitraries.oneOf(valid, noise).list().ofMaxSize(12);
  }
}
