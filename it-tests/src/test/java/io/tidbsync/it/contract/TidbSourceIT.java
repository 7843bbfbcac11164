package io.tidbsync.it.contract;

import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;

/** The source contract on a real TiDB server. */
class TidbSourceIT extends SourcePortContract {
  @Override
  protected UniqueDatabase newDatabase() {
    return new UniqueDatabase(TestServers.tidb(), "source");
  }

  @Override
  protected SourcePort newSource(UniqueDatabase database) {
    return new TidbSource(MariaDbSourceIT.config(database.server(), database.name()));
  }

  @Override
  protected boolean pinsSnapshots() {
    return true;
  }

  @Override
  protected LogicalType jsonType() {
    return new LogicalType.JsonType();
  }
}
