package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.tidbsync.destination.postgres.PostgresConfig;
import io.tidbsync.destination.postgres.PostgresDestination;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.it.e2e.PostgresTables;
import io.tidbsync.it.servers.PostgresServer;
import io.tidbsync.it.servers.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The PostgreSQL destination in a database with the pgvector extension: the whole contract again,
 * with vectors as {@code vector(n)} columns (scripts/servers builds pgvector when Debian lacks it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresPgvectorDestinationIT extends DestinationPortContract {
  PostgresServer server;
  PostgresServer vectorDatabase;
  String database;

  @BeforeAll
  void createDatabaseWithPgvector() throws SQLException {
    server = TestServers.postgres();
    try (Connection c = server.connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")) {
      if (!rs.next()) {
        String reason = "pgvector is not installed on the test PostgreSQL server (scripts/servers builds it)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
          fail(reason + " (CI=true: a missing capability is a failure)");
        }
        Assumptions.abort(reason);
      }
    }
    database = "vec_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    server.execute("CREATE DATABASE " + database);
    int slash = server.url().lastIndexOf('/');
    vectorDatabase = new PostgresServer(server.url().substring(0, slash + 1) + database, server.user(), server.password());
    vectorDatabase.execute("CREATE EXTENSION vector");
  }

  @AfterAll
  void dropDatabase() {
    if (database != null) {
      server.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  @Override
  protected DestinationPort newDestination() {
    return new PostgresDestination(new PostgresConfig(vectorDatabase.url(), vectorDatabase.user(),
        new Secret(vectorDatabase.password()), "dest", 4));
  }

  @Override
  protected List<Map<String, Object>> readBack(String table) {
    return PostgresTables.read(vectorDatabase, "dest", table);
  }

  @org.junit.jupiter.api.AfterEach
  void dropSchema() {
    vectorDatabase.dropSchema("dest");
  }

  @Test
  void vectorsAreVectorColumnsThatPgvectorCanSearch() throws SQLException {
    destination.prepare(TYPED);
    destination.upsert(TYPED, List.of(typedRow(1, "a"), typedRow(2, "b")));
    Row far = typedRow(3, "far");
    far.values()[13] = new float[] {9f, 9f, 9f};
    destination.upsert(TYPED, List.of(far));
    try (Connection c = vectorDatabase.connect(); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT format_type(atttypid, atttypmod) FROM pg_attribute "
          + "WHERE attrelid = 'dest.typed'::regclass AND attname = 'embedding'")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("vector(3)");
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT id FROM dest.typed ORDER BY embedding <-> '[9,9,8]' LIMIT 1")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(3);
      }
    }
  }
}
