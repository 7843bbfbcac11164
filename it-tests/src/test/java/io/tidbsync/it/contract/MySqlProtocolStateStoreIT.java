package io.tidbsync.it.contract;

import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/** The state table on TiDB itself and on MariaDB (the MySQL protocol), locked with GET_LOCK. */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class MySqlProtocolStateStoreIT extends JdbcStateStoreContract {
  @Parameter
  String serverName;
  UniqueDatabase db;

  private TestServer server() {
    return TestServers.source(serverName);
  }

  private UniqueDatabase db() {
    if (db == null) {
      db = new UniqueDatabase(server(), "state");
    }
    return db;
  }

  @AfterEach
  void drop() {
    if (db != null) {
      db.close();
      db = null;
    }
  }

  @Override
  String url() {
    return "jdbc:mysql://" + server().host() + ":" + server().port() + "/" + db().name();
  }

  @Override
  String user() {
    return server().user();
  }

  @Override
  String password() {
    return server().password();
  }
}
