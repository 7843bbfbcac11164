package io.tidbsync.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.port.TransactionalStatePort;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemorySource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a state store that commits batches with their checkpoints, every batch goes through it, and
 * a run that dies at any commit leaves the destination holding exactly the rows its state records.
 */
class TransactionalStateTest {
  /** Rows and state in one "database": a commit applies both, a failed one neither. */
  static final class OneDatabase implements TransactionalStatePort {
    final InMemoryDestination rows = new InMemoryDestination();
    SyncState state = SyncState.EMPTY;
    int commits;
    int failAtCommit = -1;
    int plainSaves;

    @Override
    public SyncState load() {
      return state;
    }

    @Override
    public void save(SyncState next) {
      plainSaves++;
      state = next;
    }

    @Override
    public io.tidbsync.domain.model.Written upsertAndSave(TableSchema schema, List<Row> batch, SyncState next) {
      if (++commits == failAtCommit) {
        throw new StateException("the process died in commit " + commits, Transience.PERMANENT);
      }
      var changed = rows.upsert(schema, batch);
      state = next;
      return changed;
    }
  }

  final InMemorySource source = new InMemorySource();
  final OneDatabase database = new OneDatabase();

  SyncReport run() {
    return new SyncUseCase(source, database.rows, database,
        SyncUseCaseTest.noLookBack(10, SyncUseCaseTest.request(SyncUseCaseTest.PATIENTS)), SyncObserver.NONE).run();
  }

  @Test
  void everyBatchCommitsWithItsCheckpointAndACrashLeavesNoRowBeyondTheState() {
    source.table(SyncUseCaseTest.patients(), SyncUseCaseTest.patientRows(45, 100));
    database.rows.prepare(SyncUseCaseTest.patients());
    database.failAtCommit = 3;
    run();
    // Two batches of ten committed, with their positions; the third died with its rows.
    assertThat(database.rows.table(SyncUseCaseTest.PATIENTS)).hasSize(20);
    assertThat(database.state.table("patients").position().key()).containsExactly("20");
    assertThat(database.plainSaves).as("no checkpoint saved apart from its batch").isLessThanOrEqualTo(2);

    database.failAtCommit = -1;
    SyncReport second = run();
    assertThat(second.failure()).isEmpty();
    assertThat(database.rows.table(SyncUseCaseTest.PATIENTS)).hasSize(45);
    assertThat(second.tables().get(0).rowsRead()).as("only the rows after the committed state").isEqualTo(25);
    assertThat(database.rows.upsertedRows()).as("each row written exactly once").isEqualTo(45);
  }
}
