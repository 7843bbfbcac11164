package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.failure.TidbSyncException;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryDestination;
import io.tidbsync.domain.testing.InMemoryStateStore;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;
import io.tidbsync.source.tidb.TidbSourceConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * A run stopped during the look-back window's re-read (here: its state store fails at its second
 * save, as a killed process stops saving) leaves the stored position where it was, never behind it;
 * runs stopped there again and again therefore still make progress.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class PositionNeverMovesBackIT {
  @Parameter
  String serverName;

  @Test
  void aRunStoppedDuringTheLookBackReReadLeavesThePositionWhereItWas() {
    TestServer server = TestServers.source(serverName);
    try (UniqueDatabase db = new UniqueDatabase(server, "backwards")) {
      StringBuilder rows = new StringBuilder();
      for (int n = 1; n <= 2000; n++) {
        rows.append(n > 1 ? "," : "").append("(").append(n).append(", '2024-01-01' + INTERVAL ").append(n).append(" SECOND)");
      }
      db.execute("CREATE TABLE t (id INT PRIMARY KEY, created_at DATETIME, KEY (created_at));\nINSERT INTO t VALUES " + rows);
      InMemoryStateStore state = new InMemoryStateStore();
      InMemoryDestination destination = new InMemoryDestination();
      SyncConfig config = new SyncConfig(List.of(new TableRequest(TableId.of("t"), List.of(), "created_at",
          Optional.empty())), "created_at", 200, DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE,
          Duration.ofDays(1), Duration.ofSeconds(5));
      TidbSourceConfig source = new TidbSourceConfig(server.host(), server.port(), server.user(),
          new Secret(server.password()), db.name(), Duration.ofSeconds(5), Duration.ofSeconds(60), false);
      sync(source, destination, state, config);
      assertThat(state.state().table("t").position().key()).containsExactly("2000");

      for (int stop = 0; stop < 3; stop++) {
        state.failAfter(2);
        sync(source, destination, state, config);
        assertThat(state.state().table("t").position().key()).as("after stop " + stop).containsExactly("2000");
      }
    }
  }

  private static void sync(TidbSourceConfig config, InMemoryDestination destination, InMemoryStateStore state,
      SyncConfig sync) {
    try (TidbSource source = new TidbSource(config)) {
      new SyncUseCase(source, destination, state, sync, new Tuning(1, Tuning.DEFAULT_BATCH_BYTES, 1, 0),
          SyncObserver.NONE, Clock.systemUTC()).run();
    } catch (TidbSyncException stopped) {
      // the run stopped where its state could not be saved
    } finally {
      state.failNever();
    }
  }
}
