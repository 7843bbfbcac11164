package io.tidbsync.source.tidb;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tidbsync.domain.port.SourcePort;

/** Binds {@link SourcePort} to {@link TidbSource}; needs a {@link TidbSourceConfig} binding. */
public final class TidbSourceModule extends AbstractModule {
  @Provides
  @Singleton
  static SourcePort source(TidbSourceConfig config) {
    return new TidbSource(config);
  }
}
