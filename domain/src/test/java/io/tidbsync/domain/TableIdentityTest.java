package io.tidbsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemorySource;
import io.tidbsync.domain.testing.InMemoryStateStore;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A saved position is used only against the destination table that received its rows. */
class TableIdentityTest {
  final InMemorySource source = new InMemorySource().table(SyncUseCaseTest.patients(), SyncUseCaseTest.patientRows(50, 50));
  final InMemoryStateStore state = new InMemoryStateStore();
  final List<String> warnings = new ArrayList<>();

  SyncReport run(InMemoryDestination destination) {
    source.watermark(java.util.Optional.of(java.time.Instant.now()));
    return new SyncUseCase(source, destination, state,
        SyncUseCaseTest.noLookBack(20, SyncUseCaseTest.request(SyncUseCaseTest.PATIENTS)), new SyncObserver() {
          @Override
          public void warning(String message) {
            warnings.add(message);
          }
        }).run();
  }

  @Test
  void theStateRecordsTheDestinationTableItsPositionBelongsTo() {
    InMemoryDestination destination = new InMemoryDestination();
    SyncReport first = run(destination);
    assertThat(first.tables().get(0).notes()).containsExactly("table created");
    assertThat(state.state().table("patients").destinationTable()).isNotNull();

    SyncReport again = run(destination);
    assertThat(again.tables().get(0).rowsRead()).isZero();
    assertThat(again.tables().get(0).notes()).isEmpty();
    assertThat(warnings).isEmpty();
  }

  @Test
  void anotherDestinationOrADroppedTableIsCopiedAgainFromTheStart() {
    run(new InMemoryDestination());
    InMemoryDestination replaced = new InMemoryDestination();
    SyncReport report = run(replaced);
    assertThat(replaced.table(SyncUseCaseTest.PATIENTS)).hasSize(50);
    assertThat(report.tables().get(0).notes()).anySatisfy(n -> assertThat(n).startsWith("copied again from the start")
        .contains("another destination table"));
    assertThat(warnings).singleElement().satisfies(w -> assertThat(w).contains("table patients"));

    replaced.drop(SyncUseCaseTest.PATIENTS);
    run(replaced);
    assertThat(replaced.table(SyncUseCaseTest.PATIENTS)).hasSize(50);
  }

  /** A state without identities (the Python example's, or an older one) meets an empty new table. */
  @Test
  void aStateWithoutIdentityAndANewTableCopiesEverything() {
    InMemoryDestination first = new InMemoryDestination();
    run(first);
    state.save(state.state().withTable("patients", state.state().table("patients").withDestinationTable(null)));
    InMemoryDestination fresh = new InMemoryDestination();
    run(fresh);
    assertThat(fresh.table(SyncUseCaseTest.PATIENTS)).hasSize(50);

    // ...and against the table that holds the rows, it is trusted and gets the identity.
    state.save(state.state().withTable("patients", state.state().table("patients").withDestinationTable(null)));
    SyncReport trusted = run(fresh);
    assertThat(trusted.tables().get(0).rowsRead()).isZero();
    TableState table = state.state().table("patients");
    assertThat(table.destinationTable()).isNotNull();
  }

  @Test
  void aColumnAddedAtTheSourceCopiesTheTableAgainSoOldRowsGetItsValues() {
    InMemoryDestination destination = new InMemoryDestination();
    run(destination);
    List<Row> widened = new ArrayList<>();
    for (Row row : source.rows(SyncUseCaseTest.PATIENTS)) {
      widened.add(Row.of(row.get(0), row.get(1), row.get(2), "filled"));
    }
    InMemorySource grown = new InMemorySource().table(new io.tidbsync.domain.model.TableSchema(SyncUseCaseTest.PATIENTS,
        List.of(SyncUseCaseTest.patients().columns().get(0), SyncUseCaseTest.patients().columns().get(1),
            SyncUseCaseTest.patients().columns().get(2),
            new io.tidbsync.domain.model.ColumnSpec("note", new io.tidbsync.domain.model.LogicalType.StringType(), true,
                "varchar(10)")), List.of("id"), java.util.Optional.empty()), widened);
    grown.watermark(java.util.Optional.of(java.time.Instant.now()));
    SyncReport report = new SyncUseCase(grown, destination, state,
        SyncUseCaseTest.noLookBack(20, SyncUseCaseTest.request(SyncUseCaseTest.PATIENTS)), SyncObserver.NONE).run();
    assertThat(report.tables().get(0).notes()).contains("columns added: note")
        .anySatisfy(n -> assertThat(n).contains("copied again from the start").contains("note"));
    assertThat(destination.table(SyncUseCaseTest.PATIENTS).values()).allSatisfy(r -> assertThat(r.get(3)).isEqualTo("filled"));
  }
}
