package io.tidbsync.destination.postgres;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import com.google.inject.Provider;
import io.tidbsync.domain.port.DestinationPort;

/** Builds the PostgreSQL destination only when it is the one chosen. */
final class PostgresDestinationProvider implements Provider<DestinationPort> {
  private final Provider<PostgresConfig> config;

  @Inject
  PostgresDestinationProvider(Provider<PostgresConfig> config) {
    this.config = requireNonNull(config, "config is null");
  }

  @Override
  public DestinationPort get() {
    return new PostgresDestination(config.get());
  }
}
