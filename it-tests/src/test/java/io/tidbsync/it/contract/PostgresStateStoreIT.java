package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.domain.port.StatePort;
import io.tidbsync.it.servers.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresStateStoreIT extends JdbcStateStoreContract {
  @Override
  String url() {
    return TestServers.postgres().url();
  }

  @Override
  String user() {
    return TestServers.postgres().user();
  }

  @Override
  String password() {
    return TestServers.postgres().password();
  }

  /** A run that dies loses its session, and its advisory lock with it: the next run goes ahead. */
  @Test
  void aCrashedRunsLockEndsWithItsSession() throws Exception {
    StatePort crashed = newStore();
    crashed.save(sample());
    try (Connection c = TestServers.postgres().connect(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l "
            + "WHERE l.locktype = 'advisory' AND l.pid <> pg_backend_pid() AND l.objid = hashtext('tidbsync:" + name + "')::oid")) {
      rs.next();
      assertThat(rs.getInt(1)).as("sessions holding the lock").isEqualTo(1);
    }
    assertThat(loadFresh()).isEqualTo(sample());
    crashed.close();
  }
}
