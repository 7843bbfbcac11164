package io.tidbsync.destination.duckdb;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.tidbsync.domain.port.DestinationPort;

/** Builds the DuckDB destination only when it is the one chosen. */
final class DuckDbDestinationProvider implements Provider<DestinationPort> {
  private final Provider<DuckDbConfig> config;

  @Inject
  DuckDbDestinationProvider(Provider<DuckDbConfig> config) {
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public DestinationPort get() {
    return new DuckDbDestination(config.get());
  }
}
