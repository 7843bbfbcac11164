package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.StateCodec;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.domain.port.TransactionalStatePort;
import io.tidbsync.state.file.StateJson;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A destination's own state store: the whole {@link StatePortContract}, and what makes it worth
 * having: a batch and its state commit together, so either both are there or neither.
 */
abstract class DestinationStateContract extends StatePortContract {
  static final TableSchema ITEMS = new TableSchema(TableId.of("items"), List.of(
      new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
      new ColumnSpec("n", new LogicalType.IntType(), true, "int")), List.of("id"), Optional.empty());

  /** Fails to encode (gives null, which the NOT NULL state column refuses) a state marked so. */
  static final StateCodec FAILING_ON_MARK = new StateCodec() {
    final StateJson json = new StateJson();

    @Override
    public String encode(SyncState state) {
      return "fail in the transaction".equals(state.lastConnectionError()) ? null : json.encode(state);
    }

    @Override
    public SyncState decode(String text) {
      return json.decode(text);
    }
  };

  private DestinationPort destination;

  /** A new destination on this test's database (one per test, shared by its stores). */
  protected abstract DestinationPort newDestination();

  protected abstract List<Map<String, Object>> readBack(String table);

  DestinationPort destination() {
    if (destination == null) {
      destination = newDestination();
    }
    return destination;
  }

  @AfterEach
  void closeDestination() {
    if (destination != null) {
      destination.close();
    }
  }

  @Override
  protected StatePort newStore() {
    return destination().stateStore("contract", FAILING_ON_MARK).orElseThrow();
  }

  /** A save that fails inside its transaction, after the batch's rows were written, commits nothing. */
  @Override
  protected void crashDuringSave(StatePort store, SyncState state) {
    destination().prepare(ITEMS);
    assertThatThrownBy(() -> ((TransactionalStatePort) store).upsertAndSave(ITEMS, List.of(Row.of(99L, 1)),
        state.withLastConnectionError("fail in the transaction"))).isInstanceOf(RuntimeException.class);
  }

  @Test
  void aBatchAndItsStateCommitTogetherOrNotAtAll() {
    destination().prepare(ITEMS);
    SyncState first = SyncState.EMPTY.withLastConnectionError("after batch 1");
    try (TransactionalStatePort store = (TransactionalStatePort) newStore()) {
      assertThat(store.upsertAndSave(ITEMS, List.of(Row.of(1L, 10), Row.of(2L, 20)), first)).isEqualTo(Written.inserted(2));
      assertThatThrownBy(() -> store.upsertAndSave(ITEMS, List.of(Row.of(3L, 30), Row.of(1L, 11)),
          SyncState.EMPTY.withLastConnectionError("fail in the transaction"))).isInstanceOf(RuntimeException.class);
      assertThat(store.load()).isEqualTo(first);
    }
    assertThat(readBack("items")).extracting(r -> r.get("id") + ":" + r.get("n")).containsExactly("1:10", "2:20");
    assertThat(loadFresh()).isEqualTo(first);
  }
}
