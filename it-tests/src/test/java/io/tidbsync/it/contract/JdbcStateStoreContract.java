package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.state.file.StateJson;
import io.tidbsync.state.jdbc.JdbcStateConfig;
import io.tidbsync.state.jdbc.JdbcStateStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The state-table store on one database: the whole {@link StatePortContract}, plus what a table
 * adds (a corrupt row is named, two state names share the table).
 */
abstract class JdbcStateStoreContract extends StatePortContract {
  final String name = "sync_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);

  abstract String url();

  abstract String user();

  abstract String password();

  JdbcStateStore store(String stateName) {
    return new JdbcStateStore(new JdbcStateConfig(url(), user(), new Secret(password()), stateName), new StateJson());
  }

  @Override
  protected StatePort newStore() {
    return store(name);
  }

  /** A crash mid-save is a transaction that never commits: begun, row changed, connection dropped. */
  @Override
  protected void crashDuringSave(StatePort store, SyncState state) {
    try (Connection c = DriverManager.getConnection(url(), user(), password())) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("UPDATE _tidbsync_state SET state = ? WHERE name = ?")) {
        ps.setString(1, new StateJson().format(state));
        ps.setString(2, name);
        ps.executeUpdate();
      }
      // closed without commit: the database rolls back, as it would for a process that died here
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCorruptRowIsAnErrorNamingTheState() throws SQLException {
    try (StatePort store = newStore()) {
      store.save(sample());
    }
    try (Connection c = DriverManager.getConnection(url(), user(), password());
        PreparedStatement ps = c.prepareStatement("UPDATE _tidbsync_state SET state = ? WHERE name = ?")) {
      ps.setString(1, "{\"patients_last_created\": ");
      ps.setString(2, name);
      ps.executeUpdate();
    }
    assertThatThrownBy(this::loadFresh).isInstanceOf(StateException.class)
        .hasMessageContaining(name).hasMessageContaining("corrupt")
        .satisfies(e -> assertThat(password().isEmpty() || !e.getMessage().contains(password())).isTrue());
  }

  @Test
  void statesOfDifferentNamesShareTheTableApart() {
    try (StatePort a = newStore(); StatePort b = store(name + "_other")) {
      a.save(sample());
      b.save(SyncState.EMPTY.withLastConnectionError("b's"));
      assertThat(a.load()).isEqualTo(sample());
      assertThat(b.load().lastConnectionError()).isEqualTo("b's");
    }
  }
}
