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

class PostgresDestinationStateIT extends DestinationStateContract {
  final PostgresServer server = TestServers.postgres();
  final String schema = server.newSchema("state");

  @AfterEach
  void drop() {
    server.dropSchema(schema);
  }

  @Override
  protected DestinationPort newDestination() {
    return new PostgresDestination(new PostgresConfig(server.url(), server.user(), new Secret(server.password()),
        schema, 2));
  }

  @Override
  protected List<Map<String, Object>> readBack(String table) {
    return PostgresTables.read(server, schema, table);
  }
}
