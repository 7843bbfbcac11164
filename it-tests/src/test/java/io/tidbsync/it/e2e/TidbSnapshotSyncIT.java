package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestination;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.failure.SourceException;
import io.tidbsync.domain.failure.SourceRecovery;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SourceSnapshot;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.port.TableDiscovery;
import io.tidbsync.domain.testing.InMemoryStateStore;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;
import io.tidbsync.source.tidb.TidbSourceConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One consistent snapshot per run, on the real TiDB: every read of a run (all pages, both tables)
 * sees the source at the moment the run began; a schema change meanwhile is not held up by the
 * run's reads; a snapshot found expired is replaced and the table read again from its checkpoint.
 */
class TidbSnapshotSyncIT {
  static final int ROWS = 3000;
  TestServer server;
  UniqueDatabase db;
  @TempDir
  Path folder;
  final InMemoryStateStore state = new InMemoryStateStore();
  final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void createTables() {
    server = TestServers.tidb();
    db = new UniqueDatabase(server, "snapshot");
    db.execute("""
        CREATE TABLE events (id BIGINT PRIMARY KEY, v VARCHAR(20), created_at DATETIME, KEY (created_at));
        CREATE TABLE plain (id BIGINT PRIMARY KEY, v VARCHAR(20));
        SET @@cte_max_recursion_depth = 10000;
        INSERT INTO events WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 3000)
          SELECT n, CONCAT('v', n), '2024-01-01' + INTERVAL n SECOND FROM s;
        INSERT INTO plain SELECT id, v FROM events WHERE id <= 100
        """);
  }

  @AfterEach
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  SyncReport sync(SourcePort source, SyncObserver observer) {
    SyncConfig config = new SyncConfig(List.of(
        new TableRequest(TableId.of("events"), List.of(), "created_at", Optional.empty()),
        new TableRequest(TableId.of("plain"), List.of(), Optional.empty(), Optional.empty(), false, false)),
        "created_at", 500, DateTimePolicy.KEEP_NAIVE, RowErrorPolicy.QUARANTINE);
    try (DuckDbDestination destination = new DuckDbDestination(new DuckDbConfig(folder.resolve("warehouse.duckdb"), "w"))) {
      return new SyncUseCase(source, destination, state, config,
          new Tuning(1, Tuning.DEFAULT_BATCH_BYTES, 1, 0).withRetryPause(Duration.ofMillis(10)), observer,
          Clock.systemUTC()).run();
    }
  }

  TidbSource source() {
    return new TidbSource(new TidbSourceConfig(server.host(), server.port(), server.user(), new Secret(server.password()),
        db.name(), Duration.ofSeconds(5), Duration.ofSeconds(60), false));
  }

  Map<Object, Object> values(String table) {
    Map<Object, Object> byId = new java.util.TreeMap<>();
    for (Map<String, Object> row : DuckDbTables.read(folder.resolve("warehouse.duckdb"), "w", table)) {
      byId.put(((Number) row.get("id")).longValue(), row.get("v"));
    }
    return byId;
  }

  /** Runs {@code sql} on the first batch written, once. */
  SyncObserver onFirstBatch(String sql) {
    AtomicBoolean done = new AtomicBoolean();
    return new SyncObserver() {
      @Override
      public void batchWritten(TableId table, long rowsReadSoFar) {
        if (done.compareAndSet(false, true)) {
          db.execute(sql);
        }
      }

      @Override
      public void warning(String message) {
        warnings.add(message);
      }
    };
  }

  @Test
  void rowsInsertedAndUpdatedDuringALongSyncAreAbsentFromThatRunAndPresentAfterTheNext() {
    SyncReport first;
    try (TidbSource source = source()) {
      // The inserted event's cursor is long before the run's watermark: only the snapshot keeps it out.
      first = sync(source, onFirstBatch("""
          UPDATE events SET v = 'changed' WHERE id = 2999;
          INSERT INTO events VALUES (5000, 'inserted', '2024-01-01 00:00:10');
          UPDATE plain SET v = 'changed' WHERE id = 1;
          INSERT INTO plain VALUES (999, 'inserted')"""));
    }
    assertThat(first.failure()).as(first.tables() + " " + warnings).isEmpty();
    SourceSnapshot snapshot = first.snapshot().orElseThrow();
    assertThat(snapshot.time()).isBetween(Instant.now().minusSeconds(120), Instant.now());
    assertThat(state.state().snapshot()).isEqualTo(snapshot);
    Map<Object, Object> events = values("events");
    assertThat(events).hasSize(ROWS).doesNotContainKey(5000L).containsEntry(2999L, "v2999");
    assertThat(values("plain")).hasSize(100).doesNotContainKey(999L).containsEntry(1L, "v1");

    SyncReport second;
    try (TidbSource source = source()) {
      second = sync(source, SyncObserver.NONE);
    }
    assertThat(second.failure()).isEmpty();
    assertThat(second.snapshot().orElseThrow().tso()).isGreaterThan(snapshot.tso());
    assertThat(values("events")).hasSize(ROWS + 1).containsEntry(5000L, "inserted").containsEntry(2999L, "changed");
    assertThat(values("plain")).hasSize(101).containsEntry(999L, "inserted").containsEntry(1L, "changed");
  }

  /**
   * Stale-read transactions take no metadata lock (TiDB's "Metadata Lock" page), so a schema change
   * during a run completes at once; the run reads on with the schema of its snapshot and the next
   * run brings the new column.
   */
  @Test
  void aSchemaChangeDuringARunIsNotHeldUpAndTheNextRunBringsTheNewColumn() throws Exception {
    CompletableFuture<Long> ddlMillis = new CompletableFuture<>();
    AtomicBoolean started = new AtomicBoolean();
    SyncObserver alter = new SyncObserver() {
      @Override
      public void batchWritten(TableId table, long rowsReadSoFar) {
        if (started.compareAndSet(false, true)) {
          CompletableFuture.runAsync(() -> {
            long start = System.nanoTime();
            db.execute("ALTER TABLE events ADD COLUMN extra INT DEFAULT 7");
            ddlMillis.complete((System.nanoTime() - start) / 1_000_000);
          });
          try {
            // The run reads its next pages while the change is made (or held up).
            ddlMillis.get(20, TimeUnit.SECONDS);
          } catch (Exception e) {
            throw new AssertionError("ALTER TABLE was held up by the run's reads", e);
          }
        }
      }
    };
    try (TidbSource source = source()) {
      assertThat(sync(source, alter).failure()).isEmpty();
    }
    assertThat(ddlMillis.get()).isLessThan(20_000);
    assertThat(values("events")).hasSize(ROWS);
    assertThat(DuckDbTables.read(folder.resolve("warehouse.duckdb"), "w", "events").get(0)).doesNotContainKey("extra");
    try (TidbSource source = source()) {
      assertThat(sync(source, SyncObserver.NONE).failure()).isEmpty();
    }
    assertThat(DuckDbTables.read(folder.resolve("warehouse.duckdb"), "w", "events").get(0)).containsKey("extra");
  }

  /**
   * A snapshot found behind the GC safe point is replaced on the server and the table read again
   * from its checkpoint. This server's GC does not run, so the expiry is injected at the source
   * port (a read fails once with the recovery TiDB's 9006 and 8055 get); the renewal is TiDB's own.
   */
  @Test
  void anExpiredSnapshotIsRenewedOnTheServerAndTheTableReadAgainFromItsCheckpoint() {
    try (TidbSource tidb = source()) {
      SourcePort expiring = new ExpiringOnce(tidb, 1200);
      SyncReport report = sync(expiring, onFirstBatch("INSERT INTO events VALUES (6000, 'after pin', NOW() - INTERVAL 1 DAY)"));
      assertThat(report.failure()).as(warnings.toString()).isEmpty();
      assertThat(warnings).anySatisfy(w -> assertThat(w).contains("table events").contains("is no longer readable")
          .contains("reading again from its last checkpoint").contains("at snapshot TSO"));
      assertThat(values("events")).hasSize(ROWS + 1).containsEntry(6000L, "after pin");
    }
  }

  /** A source whose reads fail once, after some rows, as a snapshot behind the GC safe point makes them. */
  static final class ExpiringOnce implements SourcePort {
    private final SourcePort delegate;
    private int rowsLeft;

    ExpiringOnce(SourcePort delegate, int afterRows) {
      this.delegate = delegate;
      this.rowsLeft = afterRows;
    }

    @Override
    public RowStream read(ReadRequest request) {
      RowStream rows = delegate.read(request);
      return new RowStream() {
        @Override
        public Row next() {
          synchronized (ExpiringOnce.this) {
            if (rowsLeft-- == 0) {
              throw new SourceException("GC life time is shorter than transaction duration [error 9006]",
                  SourceRecovery.NEW_SNAPSHOT, null);
            }
          }
          return rows.next();
        }

        @Override
        public void close() {
          rows.close();
        }
      };
    }

    @Override
    public List<TableId> listTables() {
      return delegate.listTables();
    }

    @Override
    public List<TableDiscovery> describe(List<TableRequest> requests) {
      return delegate.describe(requests);
    }

    @Override
    public RowStream readKeys(TableSchema schema, List<List<Object>> keys, boolean keyColumnsOnly) {
      return delegate.readKeys(schema, keys, keyColumnsOnly);
    }

    @Override
    public Optional<Instant> commitWatermark() {
      return delegate.commitWatermark();
    }

    @Override
    public Optional<Object> maxCursor(TableSchema schema, Object upTo) {
      return delegate.maxCursor(schema, upTo);
    }

    @Override
    public long countNullCursor(TableSchema schema) {
      return delegate.countNullCursor(schema);
    }

    @Override
    public Optional<SourceSnapshot> pinSnapshot() {
      return delegate.pinSnapshot();
    }

    @Override
    public Optional<SourceSnapshot> renewSnapshot(SourceSnapshot stale) {
      return delegate.renewSnapshot(stale);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
