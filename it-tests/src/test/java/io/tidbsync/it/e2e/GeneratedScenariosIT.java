package io.tidbsync.it.e2e;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestination;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.TidbSyncException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.ModelOp;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;
import io.tidbsync.source.tidb.TidbSourceConfig;
import io.tidbsync.state.file.FileStateConfig;
import io.tidbsync.state.file.FileStateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The domain model test's scenarios, generated from a few fixed seeds and replayed on a real
 * server with the real adapters: upserts stamped with a logical clock (ties), deletes, NULL
 * cursors, transactions held open across sync runs and committed later, and crashes between a
 * durable upsert and its checkpoint. After one final sync the destination must equal the source.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class GeneratedScenariosIT {
  /** The source server this run of the class uses: TiDB, then MariaDB. */
  @Parameter
  String serverName;

  static final Duration LOOK_BACK = Duration.ofSeconds(60);
  @TempDir Path folder;

  TestServer server() {
    return TestServers.source(serverName);
  }

  /** The model test's mix of operations; late transactions insert fresh ids so they never block. */
  static List<ModelOp> generate(long seed) {
    Random random = new Random(seed);
    List<ModelOp> ops = new ArrayList<>();
    long lateId = 100;
    for (int i = 0; i < 40; i++) {
      int pick = random.nextInt(18);
      ops.add(pick < 6 ? new ModelOp.Upsert(1 + random.nextInt(12), "v" + random.nextInt(3), random.nextInt(10) == 0)
          : pick < 8 ? new ModelOp.Delete(1 + random.nextInt(12))
          : pick < 10 ? new ModelOp.BeginLate(lateId++, "late")
          : pick < 12 ? new ModelOp.CommitLate()
          : pick < 15 ? new ModelOp.Tick(random.nextInt(6))
          : new ModelOp.Sync(1 + random.nextInt(4), random.nextInt(4) == 0 ? 1 + random.nextInt(3) : 0));
    }
    return ops;
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6})
  void aGeneratedScenarioEndsWithTheDestinationEqualToTheSource(long seed) throws Exception {
    try (UniqueDatabase db = new UniqueDatabase(server(), "gen" + seed)) {
      db.execute("CREATE TABLE items (id BIGINT PRIMARY KEY, v VARCHAR(10), updated_at DATETIME(6) NULL, KEY (updated_at))");
      World world = new World(db);
      List<ModelOp> ops = generate(seed);
      for (ModelOp op : ops) {
        world.apply(op);
      }
      while (!world.pending.isEmpty()) {
        world.apply(new ModelOp.CommitLate());
      }
      world.apply(new ModelOp.Tick(10));
      world.apply(new ModelOp.Sync(3, 0));
      assertThat(world.destinationRows()).as("seed " + seed + ": " + ops).isEqualTo(world.sourceRows());
      world.close();
    }
  }

  final class World implements AutoCloseable {
    final UniqueDatabase db;
    final Connection writer;
    final Deque<Connection> pending = new ArrayDeque<>();
    final Deque<LocalDateTime> pendingSince = new ArrayDeque<>();
    /** A logical clock in the recent past, so stored cursors are never capped by the real clock. */
    LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).minusMinutes(30).truncatedTo(ChronoUnit.SECONDS);

    World(UniqueDatabase db) throws Exception {
      this.db = db;
      this.writer = open();
    }

    private Connection open() throws Exception {
      Connection c = db.connect();
      try (Statement st = c.createStatement()) {
        st.execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
        st.execute("SET SESSION innodb_lock_wait_timeout = 5");
      }
      return c;
    }

    void apply(ModelOp op) throws Exception {
      switch (op) {
        case ModelOp.Upsert u -> upsert(writer, u.id(), u.v(), u.nullCursor() ? null : now);
        case ModelOp.Delete d -> {
          try (PreparedStatement ps = writer.prepareStatement("DELETE FROM items WHERE id = ?")) {
            ps.setLong(1, d.id());
            ps.executeUpdate();
          }
        }
        case ModelOp.BeginLate b -> {
          if (pending.size() < 3) {
            Connection tx = open();
            tx.setAutoCommit(false);
            upsert(tx, b.id(), b.v(), now);
            pending.add(tx);
            pendingSince.add(now);
          }
        }
        case ModelOp.CommitLate c -> {
          if (!pending.isEmpty()) {
            try (Connection tx = pending.poll()) {
              tx.commit();
            }
            pendingSince.poll();
          }
        }
        case ModelOp.Tick t -> {
          now = now.plusSeconds(t.seconds());
          // the database aborts a transaction older than the window (TiDB's max-txn-ttl)
          while (!pendingSince.isEmpty() && pendingSince.peek().isBefore(now.minus(LOOK_BACK).plusSeconds(5))) {
            try (Connection tx = pending.poll()) {
              tx.rollback();
            }
            pendingSince.poll();
          }
        }
        case ModelOp.Sync s -> sync(s.batch(), s.crashAfterSaves());
      }
    }

    private void upsert(Connection c, long id, String v, LocalDateTime at) throws Exception {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?) "
          + "ON DUPLICATE KEY UPDATE v = VALUES(v), updated_at = VALUES(updated_at)")) {
        ps.setLong(1, id);
        ps.setString(2, v);
        ps.setString(3, at == null ? null : at.toString().replace('T', ' '));
        ps.executeUpdate();
      }
    }

    void sync(int batch, int crashAfterSaves) {
      TestServer s = server();
      SyncConfig config = new SyncConfig(List.of(), "updated_at", Map.of(), Set.of(), Set.of("items"), true, batch,
          DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE, LOOK_BACK, Duration.ofSeconds(5));
      try (StatePort state = new CrashingState(new FileStateStore(new FileStateConfig(folder.resolve("state.json"))),
              crashAfterSaves);
          TidbSource source = new TidbSource(new TidbSourceConfig(s.host(), s.port(), s.user(),
              new Secret(s.password()), db.name(), Duration.ofSeconds(5), Duration.ofSeconds(60), true));
          DestinationPort destination = new DuckDbDestination(new DuckDbConfig(folder.resolve("w.duckdb"), "s"))) {
        new SyncUseCase(source, destination, state, config, SyncObserver.NONE).run();
      } catch (TidbSyncException crash) {
        // the process died here; the next run starts from whatever state was saved
      }
    }

    List<String> sourceRows() throws Exception {
      List<String> rows = new ArrayList<>();
      try (Statement st = writer.createStatement();
          var rs = st.executeQuery("SELECT id, v, updated_at FROM items ORDER BY id")) {
        while (rs.next()) {
          rows.add(rs.getLong(1) + ":" + rs.getString(2) + ":" + rs.getObject(3, LocalDateTime.class));
        }
      }
      return rows;
    }

    List<String> destinationRows() {
      return DuckDbTables.read(folder.resolve("w.duckdb"), "s", "items").stream()
          .filter(r -> !Boolean.TRUE.equals(r.get("_fivetran_deleted")))
          .map(r -> r.get("id") + ":" + r.get("v") + ":" + r.get("updated_at"))
          .toList();
    }

    @Override
    public void close() throws Exception {
      for (Connection tx : pending) {
        tx.rollback();
        tx.close();
      }
      writer.close();
    }
  }

  /** The real file store, failing after a number of saves: a crash between upsert and checkpoint. */
  static final class CrashingState implements StatePort {
    private final StatePort delegate;
    private final int crashAfterSaves;
    private int saves;

    CrashingState(StatePort delegate, int crashAfterSaves) {
      this.delegate = delegate;
      this.crashAfterSaves = crashAfterSaves;
    }

    @Override
    public SyncState load() {
      return delegate.load();
    }

    @Override
    public void save(SyncState state) {
      if (crashAfterSaves > 0 && ++saves > crashAfterSaves) {
        throw new StateException("crash injected after " + crashAfterSaves + " saves", Transience.PERMANENT);
      }
      delegate.save(state);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
