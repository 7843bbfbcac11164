package io.tidbsync.it.contract;

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
}
