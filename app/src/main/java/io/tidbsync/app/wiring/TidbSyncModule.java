package io.tidbsync.app.wiring;

import static java.util.Objects.requireNonNull;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tidbsync.app.config.Configuration;
import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestinationModule;
import io.tidbsync.destination.retry.RetryingDestination;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.source.tidb.TidbErrors;
import io.tidbsync.source.tidb.TidbSourceConfig;
import io.tidbsync.source.tidb.TidbSourceModule;
import io.tidbsync.state.file.FileStateConfig;
import io.tidbsync.state.file.FileStateModule;
import io.tidbsync.state.file.StateJson;
import io.tidbsync.state.jdbc.JdbcStateConfig;
import io.tidbsync.state.jdbc.JdbcStateModule;
import io.tidbsync.state.jdbc.StateWriteErrors;
import io.tidbsync.destination.jsonlines.JsonLinesConfig;
import io.tidbsync.destination.jsonlines.JsonLinesDestinationModule;
import io.tidbsync.destination.postgres.PostgresConfig;
import io.tidbsync.destination.postgres.PostgresDestinationModule;
import io.tidbsync.domain.port.StatePort;
import com.google.inject.Provider;
import java.util.Map;
import java.util.TreeSet;

/**
 * Wires one run: the configuration's parts, the adapter modules, and the chosen destination
 * (looked up by name among the registered ones) wrapped in the retry decorator.
 */
public final class TidbSyncModule extends AbstractModule {
  private final Configuration configuration;

  public TidbSyncModule(Configuration configuration) {
    this.configuration = requireNonNull(configuration, "configuration is null");
  }

  @Override
  protected void configure() {
    bind(Configuration.class).toInstance(configuration);
    install(new TidbSourceModule());
    install(new DuckDbDestinationModule());
    install(new PostgresDestinationModule());
    install(new JsonLinesDestinationModule());
    install(new FileStateModule());
    install(new JdbcStateModule());
  }

  @Provides
  static SyncConfig sync(Configuration configuration) {
    return configuration.sync();
  }

  @Provides
  static Tuning tuning(Configuration configuration) {
    return configuration.tuning();
  }

  @Provides
  static TidbSourceConfig source(Configuration configuration) {
    return configuration.source();
  }

  @Provides
  static DuckDbConfig duckDb(Configuration configuration) {
    return configuration.duckDb();
  }

  @Provides
  static FileStateConfig state(Configuration configuration) {
    return configuration.state();
  }

  @Provides
  static PostgresConfig postgres(Configuration configuration) {
    return configuration.postgres().orElseThrow(() -> new IllegalStateException("POSTGRES_URL is not configured"));
  }

  @Provides
  static JsonLinesConfig jsonLines(Configuration configuration) {
    return configuration.jsonLines();
  }

  /** The state table's errors, sorted by the one classification of TiDB's (and MySQL's) codes. */
  @Provides
  static StateWriteErrors stateWriteErrors() {
    return new StateWriteErrors() {
      @Override
      public boolean retryable(int vendorCode, String sqlState, String message) {
        return TidbErrors.retryableWrite(vendorCode, sqlState, message);
      }

      @Override
      public String advice(int vendorCode) {
        return TidbErrors.advice(vendorCode);
      }
    };
  }

  @Provides
  static JdbcStateConfig jdbcState(Configuration configuration) {
    return configuration.jdbcState().orElseThrow(() -> new IllegalStateException("STATE_JDBC_URL is not configured"));
  }

  /**
   * The chosen state store: one registered by name, or the destination's own (state and batches
   * commit together). The configuration was checked to name one that exists.
   */
  @Provides
  @Singleton
  static StatePort stateStore(Map<String, Provider<StatePort>> registered, Configuration configuration,
      DestinationPort destination) {
    if (configuration.stateStore().equals(Configuration.STATE_IN_DESTINATION)) {
      return destination.stateStore(configuration.stateName(), new StateJson()).orElseThrow(() ->
          new IllegalArgumentException("STATE=destination: the " + configuration.destination()
              + " destination has no database to keep the state in"));
    }
    return registered.get(configuration.stateStore()).get();
  }

  @Provides
  @Singleton
  static DestinationPort destination(Map<String, Provider<DestinationPort>> registered, Configuration configuration) {
    Provider<DestinationPort> chosen = registered.get(configuration.destination());
    if (chosen == null) {
      throw new IllegalArgumentException("DESTINATION " + configuration.destination()
          + " is not one of " + new TreeSet<>(registered.keySet()));
    }
    return new RetryingDestination(chosen.get(), RetryingDestination.defaultConfig());
  }
}
