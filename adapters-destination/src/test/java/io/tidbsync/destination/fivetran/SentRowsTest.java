package io.tidbsync.destination.fivetran;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import fivetran_sdk.v2.RecordType;
import fivetran_sdk.v2.UpdateResponse;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.StateCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rows Fivetran already holds are left out; nothing else ever is. */
class SentRowsTest {
  static final TableSchema T = new TableSchema(TableId.of("t"), List.of(
      new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
      new ColumnSpec("name", new LogicalType.StringType(), true, "varchar(20)")),
      List.of("id"), Optional.empty());

  static FivetranMemory memory(SentRows rows) {
    return new FivetranMemory(rows, new DeclaredSchemas());
  }

  /** Records of one table sent in these messages, as "id=name". */
  static List<String> records(List<UpdateResponse> messages) {
    List<String> out = new ArrayList<>();
    for (UpdateResponse m : messages) {
      m.getRecords().getRecordsList().stream().filter(r -> r.getType() == RecordType.UPSERT).forEach(r ->
          out.add(r.getDataMap().get("id").getLong() + "=" + r.getDataMap().get("name").getString()));
    }
    return out;
  }

  @Test
  void aRowIsLeftOutOnlyWhenItsKeysLatestRecordIsIdentical() {
    SentRows sent = new SentRows(100);
    sent.sent("t", 1, 10);
    sent.sent("t", 1, 11);
    assertThat(sent.unchanged("t", 1, 11)).isTrue();
    assertThat(sent.unchanged("t", 1, 10)).as("A, then B, then A again is a change").isFalse();
    assertThat(sent.unchanged("t", 2, 11)).isFalse();
    assertThat(sent.unchanged("u", 1, 11)).as("tables apart").isFalse();
    sent.forget("t");
    assertThat(sent.unchanged("t", 1, 11)).isFalse();
  }

  @Test
  void eachTableKeepsItsNewestKeysAndAResentKeyBecomesNewest() {
    SentRows sent = new SentRows(3);
    sent.sent("t", 1, 1);
    sent.sent("t", 2, 2);
    sent.sent("t", 3, 3);
    sent.sent("t", 1, 1); // 1 is newest now
    sent.sent("t", 4, 4); // 2 goes
    assertThat(sent.unchanged("t", 2, 2)).isFalse();
    assertThat(sent.unchanged("t", 1, 1)).isTrue();
    assertThat(sent.size("t")).isEqualTo(3);
    sent.limit(1);
    assertThat(sent.size("t")).isEqualTo(1);
    assertThat(sent.unchanged("t", 4, 4)).isTrue();
    assertThat(SentRows.perTableFor(4)).isEqualTo(SentRows.PER_TABLE);
    assertThat(SentRows.perTableFor(1000)).isEqualTo(100);
  }

  @Test
  void theStateEntryRestoresWhatWasSent() {
    qt().forAll(lists().of(integers().between(0, 50)).ofSizeBetween(0, 200), integers().between(1, 60))
        .checkAssert((keys, cap) -> {
          SentRows sent = new SentRows(cap);
          for (int i = 0; i < keys.size(); i++) {
            sent.sent(i % 2 == 0 ? "a" : "b \"quoted\"", keys.get(i), (long) keys.get(i) * 31 + i);
          }
          SentRows back = SentRows.fromJson(sent.toJson(), cap);
          for (String table : List.of("a", "b \"quoted\"")) {
            assertThat(back.size(table)).isEqualTo(sent.size(table));
            for (int i = 0; i < keys.size(); i++) {
              long record = (long) keys.get(i) * 31 + i;
              assertThat(back.unchanged(table, keys.get(i), record)).isEqualTo(sent.unchanged(table, keys.get(i), record));
            }
          }
          assertThat(back.toJson()).isEqualTo(sent.toJson());
        });
  }

  @Test
  void aMalformedStateEntryIsRefusedNamingWhere() {
    assertThatThrownBy(() -> SentRows.fromJson("[1]", 10)).hasMessageContaining(SentRows.STATE_KEY);
    assertThatThrownBy(() -> SentRows.fromJson("{\"t\": 5}", 10)).hasMessageContaining(SentRows.STATE_KEY + ".t");
    assertThatThrownBy(() -> SentRows.fromJson("{\"t\": \"AAAA\"}", 10)).hasMessageContaining("16");
    assertThatThrownBy(() -> SentRows.fromJson("{\"t\": \"!!\"}", 10)).hasMessageContaining("base64");
  }

  @Test
  void anUnchangedRowIsNotSentAgainAndAChangedOneIs() {
    List<UpdateResponse> out = new ArrayList<>();
    SentRows sent = new SentRows(100);
    FivetranDestination destination = new FivetranDestination(out::add, Set.of(), Set.of(), memory(sent));
    assertThat(destination.upsert(T, List.of(Row.of(1L, "a"), Row.of(2L, "b"))).changed()).isEqualTo(2);
    assertThat(destination.upsert(T, List.of(Row.of(1L, "a"), Row.of(2L, "b"))).changed()).isZero();
    assertThat(destination.upsert(T, List.of(Row.of(1L, "a"), Row.of(2L, "B"))).changed()).isEqualTo(1);
    assertThat(destination.upsert(T, List.of(Row.of(2L, "b"))).changed()).as("back to an earlier value").isEqualTo(1);
    assertThat(records(out)).containsExactly("1=a", "2=b", "2=B", "2=b");
  }

  @Test
  void aRowIsRememberedOnlyOnceItsMessageWasHandedToTheStream() {
    SentRows sent = new SentRows(1000);
    List<UpdateResponse> out = new ArrayList<>();
    int[] calls = {0};
    FivetranDestination failing = new FivetranDestination(message -> {
      if (++calls[0] == 2) {
        throw new IllegalStateException("stream closed");
      }
      out.add(message);
    }, Set.of(), Set.of(), memory(sent));
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 250; i++) {
      rows.add(Row.of(i, "r" + i));
    }
    assertThatThrownBy(() -> failing.upsert(T, rows)).hasMessageContaining("stream closed");
    assertThat(sent.size("t")).as("the first message of 100 went out; the second did not").isEqualTo(100);
    out.clear();
    assertThat(new FivetranDestination(out::add, Set.of(), Set.of(), memory(sent)).upsert(T, rows).changed()).isEqualTo(150);
    assertThat(records(out)).first().isEqualTo("100=r100");
  }

  @Test
  void aTruncateOrADeleteForgetsTheTableAndTablesTruncatedEachSyncAreAlwaysSent() {
    List<UpdateResponse> out = new ArrayList<>();
    SentRows sent = new SentRows(100);
    new FivetranDestination(out::add, Set.of(), Set.of(), memory(sent)).upsert(T, List.of(Row.of(1L, "a")));
    FivetranDestination resync = new FivetranDestination(out::add, Set.of(), Set.of("t"), memory(sent));
    resync.prepare(T);
    assertThat(resync.upsert(T, List.of(Row.of(1L, "a"))).changed()).as("after a TRUNCATE").isEqualTo(1);
    assertThat(resync.upsert(T, List.of(Row.of(1L, "a"))).changed()).as("sent after the TRUNCATE").isZero();
    resync.markDeleted(T, List.of(List.of(1L)));
    assertThat(resync.upsert(T, List.of(Row.of(1L, "a"))).changed()).as("revived after a DELETE").isEqualTo(1);

    FivetranDestination whole = new FivetranDestination(out::add, Set.of("t"), Set.of(), memory(sent));
    whole.prepare(T);
    assertThat(whole.upsert(T, List.of(Row.of(1L, "a"))).changed()).isEqualTo(1);
    assertThat(whole.upsert(T, List.of(Row.of(1L, "a"))).changed()).isEqualTo(1);
    assertThat(sent.isEmpty()).as("nothing remembered for a table sent whole").isTrue();
  }

  /** Keeps states by reference: enough to see what the store put in and took out. */
  static final class Keeping implements StateCodec {
    final Map<String, SyncState> states = new HashMap<>();

    @Override
    public String encode(SyncState state) {
      String key = "state" + states.size() + state.passthrough();
      states.put(key, state);
      return key;
    }

    @Override
    public SyncState decode(String text) {
      return states.get(text);
    }
  }

  @Test
  void theCheckpointCarriesTheRowsSentAndTheNextUpdateLeavesThemOut() {
    Keeping codec = new Keeping();
    List<UpdateResponse> out = new ArrayList<>();
    SentRows first = new SentRows(100);
    FivetranStateStore store = new FivetranStateStore(null, codec, out::add, List.of(first));
    new FivetranDestination(out::add, Set.of(), Set.of(), memory(first)).upsert(T, List.of(Row.of(1L, "a")));
    store.save(SyncState.EMPTY.withLastConnectionError("x"));
    String checkpoint = out.get(out.size() - 1).getCheckpoint().getStateJson();
    assertThat(codec.states.get(checkpoint).passthrough()).containsKey(SentRows.STATE_KEY);

    out.clear();
    SentRows second = new SentRows(100);
    FivetranStateStore next = new FivetranStateStore(checkpoint, codec, out::add, List.of(second));
    SyncState loaded = next.load();
    assertThat(loaded.passthrough()).as("the record is the store's, not the sync's").doesNotContainKey(SentRows.STATE_KEY);
    assertThat(loaded.lastConnectionError()).isEqualTo("x");
    assertThat(new FivetranDestination(out::add, Set.of(), Set.of(), memory(second))
        .upsert(T, List.of(Row.of(1L, "a"), Row.of(2L, "b"))).changed()).isEqualTo(1);
    assertThat(records(out)).containsExactly("2=b");
  }
}
