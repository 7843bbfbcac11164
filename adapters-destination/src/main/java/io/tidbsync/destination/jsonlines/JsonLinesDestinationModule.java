package io.tidbsync.destination.jsonlines;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoMap;
import com.google.inject.multibindings.StringMapKey;
import io.tidbsync.domain.port.DestinationPort;

/** Registers the JSON-lines destination under the name {@code jsonlines}; needs a {@link JsonLinesConfig}. */
public final class JsonLinesDestinationModule extends AbstractModule {
  public static final String NAME = "jsonlines";

  @ProvidesIntoMap
  @StringMapKey(NAME)
  static DestinationPort destination(JsonLinesConfig config) {
    return new JsonLinesDestination(config);
  }
}
