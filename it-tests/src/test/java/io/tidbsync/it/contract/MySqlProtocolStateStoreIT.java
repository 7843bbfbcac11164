package io.tidbsync.it.contract;

import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import org.junit.jupiter.api.AfterEach;

/** The state table on a MySQL-protocol server (TiDB's protocol), locked with GET_LOCK. */
class MariaDbStateStoreIT extends JdbcStateStoreContract {
  UniqueDatabase db;

  private UniqueDatabase db() {
    if (db == null) {
      db = new UniqueDatabase(TestServers.mariadb(), "state");
    }
    return db;
  }

  @AfterEach
  void drop() {
    if (db != null) {
      db.close();
    }
  }

  @Override
  String url() {
    TestServer s = TestServers.mariadb();
    return "jdbc:mysql://" + s.host() + ":" + s.port() + "/" + db().name();
  }

  @Override
  String user() {
    return TestServers.mariadb().user();
  }

  @Override
  String password() {
    return TestServers.mariadb().password();
  }
}
