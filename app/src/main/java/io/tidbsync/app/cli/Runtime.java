package io.tidbsync.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.tidbsync.app.config.ConfigKey;
import io.tidbsync.app.config.Configuration;
import io.tidbsync.app.config.ConfigurationLoader;
import io.tidbsync.app.wiring.TidbSyncModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads configuration, sets the log level and builds the injector; the only place that does. */
final class Runtime {
  private static final Logger LOG = LoggerFactory.getLogger("tidb-sync");

  private Runtime() {}

  static void logLevel(String level) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(level, Level.INFO));
    }
  }

  static Configuration configuration(CommonOptions options) {
    logLevel(options.logLevel);
    java.util.Map<ConfigKey, String> overrides = new java.util.EnumMap<>(ConfigKey.class);
    if (options.destination != null) {
      overrides.put(ConfigKey.DESTINATION, options.destination);
    }
    if (options.state != null) {
      overrides.put(ConfigKey.STATE, options.state);
    }
    Configuration configuration = new ConfigurationLoader(System.getenv()).load(options.config, overrides);
    configuration.warnings().forEach(LOG::warn);
    return configuration;
  }

  static Injector injector(Configuration configuration) {
    return Guice.createInjector(Stage.PRODUCTION, binder -> {
      binder.requireExplicitBindings();
      binder.disableCircularProxies();
      binder.requireAtInjectOnConstructors();
    }, new TidbSyncModule(configuration));
  }
}
