package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.destination.postgres.PostgresConfig;
import io.tidbsync.destination.postgres.PostgresDestination;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.it.e2e.PostgresTables;
import io.tidbsync.it.servers.PostgresServer;
import io.tidbsync.it.servers.TestServers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

class PostgresDestinationIT extends DestinationPortContract {
  PostgresServer server;
  String schema;

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      server.dropSchema(schema);
    }
  }

  @Override
  protected DestinationPort newDestination() {
    return new PostgresDestination(new PostgresConfig(TestServers.postgres().url(), TestServers.postgres().user(),
        new Secret(TestServers.postgres().password()), schemaName(), 4));
  }

  /** Made on first use: the contract's own @BeforeEach, which opens the destination, runs first. */
  private String schemaName() {
    if (schema == null) {
      server = TestServers.postgres();
      schema = server.newSchema("dest");
    }
    return schema;
  }

  @Override
  protected List<Map<String, Object>> readBack(String table) {
    return PostgresTables.read(server, schema, table);
  }

  /** PostgreSQL text cannot hold U+0000: the batch fails whole, naming the row's key and column. */
  @org.junit.jupiter.api.Test
  void aNulCharacterFailsTheBatchNamingTheRowsKeyAndWritesNothing() {
    destination.prepare(TYPED);
    assertThatThrownBy(() -> destination.upsert(TYPED, List.of(typedRow(1, "fine"), typedRow(7, "a\u0000b"))))
        .isInstanceOf(io.tidbsync.domain.failure.DestinationException.class)
        .hasMessageContaining("typed").hasMessageContaining("row with key 7").hasMessageContaining("column text")
        .hasMessageContaining("U+0000");
    assertThat(readBack("typed")).isEmpty();
  }
}
