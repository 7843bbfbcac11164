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
import io.tidbsync.source.tidb.TidbSourceConfig;
import io.tidbsync.source.tidb.TidbSourceModule;
import io.tidbsync.state.file.FileStateConfig;
import io.tidbsync.state.file.FileStateModule;
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
    install(new FileStateModule());
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
