package io.tidbsync.it.contract;

import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;
import io.tidbsync.source.tidb.TidbSourceConfig;
import java.time.Duration;

class MariaDbSourceIT extends SourcePortContract {
  @Override
  protected UniqueDatabase newDatabase() {
    return new UniqueDatabase(TestServers.mariadb(), "source");
  }

  @Override
  protected SourcePort newSource(UniqueDatabase database) {
    return new TidbSource(config(database.server(), database.name()));
  }

  static TidbSourceConfig config(TestServer server, String database) {
    return new TidbSourceConfig(server.host(), server.port(), server.user(), new Secret(server.password()), database,
        Duration.ofSeconds(5), Duration.ofSeconds(60), true);
  }

  @Override
  protected boolean pinsSnapshots() {
    return false;
  }

  @Override
  protected LogicalType jsonType() {
    return new LogicalType.StringType();
  }
}
