package io.tidbsync.destination.postgres;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.tidbsync.domain.port.DestinationPort;

/** Registers the PostgreSQL destination under the name {@code postgres}; needs a {@link PostgresConfig}. */
public final class PostgresDestinationModule extends AbstractModule {
  public static final String NAME = "postgres";

  @Override
  protected void configure() {
    bind(PostgresDestinationProvider.class);
    MapBinder.newMapBinder(binder(), String.class, DestinationPort.class)
        .addBinding(NAME)
        .toProvider(PostgresDestinationProvider.class);
  }
}
