package io.tidbsync.state.file;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import io.tidbsync.domain.port.StatePort;

/** Registers the state file under the name {@code file}; needs a {@link FileStateConfig}. */
public final class FileStateModule extends AbstractModule {
  public static final String NAME = "file";

  @ProvidesIntoMap
  @StringMapKey(NAME)
  static StatePort state(FileStateConfig config) {
    return new FileStateStore(config);
  }
}
