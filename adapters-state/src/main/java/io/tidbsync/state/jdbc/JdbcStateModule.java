package io.tidbsync.state.jdbc;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.state.file.StateJson;

/**
 * Registers the state table under the name {@code jdbc}; needs a {@link JdbcStateConfig} and the
 * {@link StateWriteErrors} that sort its database's errors.
 */
public final class JdbcStateModule extends AbstractModule {
  public static final String NAME = "jdbc";

  @ProvidesIntoMap
  @StringMapKey(NAME)
  static StatePort state(JdbcStateConfig config, StateWriteErrors errors) {
    return new JdbcStateStore(config, new StateJson(), errors);
  }
}
