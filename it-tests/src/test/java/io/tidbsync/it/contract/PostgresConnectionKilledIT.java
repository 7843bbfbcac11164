package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.destination.postgres.PostgresConfig;
import io.tidbsync.destination.postgres.PostgresDestination;
import io.tidbsync.destination.retry.RetryingDestination;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.it.servers.PostgresServer;
import io.tidbsync.it.servers.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The destination's connection is killed by the server mid-batch ({@code pg_terminate_backend}
 * from another session, as an operator or a failover would): the retry replays the batch on a new
 * connection and the table ends equal to what was written, no row lost or doubled.
 */
class PostgresConnectionKilledIT {
  static final TableSchema TABLE = new TableSchema(TableId.of("killed"), List.of(
      new ColumnSpec("id", new LogicalType.LongType(), false, "bigint"),
      new ColumnSpec("payload", new LogicalType.StringType(), true, "text")), List.of("id"), Optional.empty());
  static final int BATCHES = 12;
  static final int BATCH_ROWS = 40_000;

  final PostgresServer server = TestServers.postgres();
  final String schema = server.newSchema("killed");

  @AfterEach
  void drop() {
    server.dropSchema(schema);
  }

  @Test
  void aBatchWhoseConnectionIsTerminatedIsRetriedAndTheTableEndsComplete() throws Exception {
    AtomicInteger killed = new AtomicInteger();
    Thread killer = new Thread(() -> {
      // Terminates tidb-sync's session whenever it is busy loading (COPY or the merge), 3 times.
      while (killed.get() < 3 && !Thread.currentThread().isInterrupted()) {
        try (Connection c = server.connect(); Statement st = c.createStatement();
            ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                + "WHERE application_name = 'tidb-sync' AND state = 'active' "
                + "AND (query LIKE 'COPY%' OR query LIKE 'INSERT%')")) {
          rs.next();
          killed.addAndGet(rs.getInt(1));
        } catch (Exception e) {
          return;
        }
      }
    });
    long total;
    try (DestinationPort destination = new RetryingDestination(new PostgresDestination(new PostgresConfig(
        server.url(), server.user(), new Secret(server.password()), schema, 2)),
        RetryingDestination.config(6, Duration.ofMillis(50), Duration.ofMillis(500)))) {
      destination.prepare(TABLE);
      killer.start();
      for (int b = 0; b < BATCHES; b++) {
        List<Row> batch = new ArrayList<>(BATCH_ROWS);
        for (int i = 0; i < BATCH_ROWS; i++) {
          long id = (long) b * BATCH_ROWS + i;
          batch.add(Row.of(id, "row " + id + " " + "x".repeat(40)));
        }
        destination.upsert(TABLE, batch);
      }
    } finally {
      killer.interrupt();
      killer.join();
    }
    assertThat(killed.get()).as("sessions terminated mid-batch").isPositive();
    try (Connection c = server.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT id), min(id), max(id), "
            + "sum(CASE WHEN payload = 'row ' || id || ' ' || repeat('x', 40) THEN 1 ELSE 0 END) FROM \""
            + schema + "\".killed")) {
      rs.next();
      total = rs.getLong(1);
      assertThat(total).isEqualTo((long) BATCHES * BATCH_ROWS);
      assertThat(rs.getLong(2)).isEqualTo(total);
      assertThat(rs.getLong(3)).isZero();
      assertThat(rs.getLong(4)).isEqualTo(total - 1);
      assertThat(rs.getLong(5)).as("rows with their own payload").isEqualTo(total);
    }
  }
}
