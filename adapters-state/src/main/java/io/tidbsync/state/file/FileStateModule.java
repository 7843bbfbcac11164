package io.tidbsync.state.file;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tidbsync.domain.port.StatePort;

/** Binds {@link StatePort} to a {@link FileStateStore}; needs a {@link FileStateConfig}. */
public final class FileStateModule extends AbstractModule {
  @Provides
  @Singleton
  static StatePort state(FileStateConfig config) {
    return new FileStateStore(config);
  }
}
