package io.tidbsync.destination.duckdb;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import io.tidbsync.domain.port.DestinationPort;

/** Registers the DuckDB destination under the name {@code duckdb}; needs a {@link DuckDbConfig}. */
public final class DuckDbDestinationModule extends AbstractModule {
  public static final String NAME = "duckdb";

  @Override
  protected void configure() {
    bind(DuckDbDestinationProvider.class);
    MapBinder.newMapBinder(binder(), String.class, DestinationPort.class)
        .addBinding(NAME)
        .toProvider(DuckDbDestinationProvider.class);
  }
}
