package io.tidbsync.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Stage;
import io.tidbsync.app.config.ConfigKey;
import io.tidbsync.app.config.Configuration;
import io.tidbsync.app.config.ConfigurationException;
import io.tidbsync.app.config.ConfigurationLoader;
import io.tidbsync.app.wiring.TidbSyncModule;
import io.tidbsync.domain.model.TableId;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads configuration, sets the log level and builds the injector; the only place that does. */
final class Runtime {
  private static final Logger LOG = LoggerFactory.getLogger("tidb-sync");

  private Runtime() {}

  static final List<String> LEVELS = List.of("ERROR", "WARN", "INFO", "DEBUG", "TRACE");

  static void logLevel(String level) {
    String wanted = level == null ? "INFO" : level.trim().toUpperCase(Locale.ROOT);
    if (!LEVELS.contains(wanted)) {
      throw new ConfigurationException(List.of("--log-level must be one of "
          + String.join(", ", LEVELS) + ", found \"" + TableId.printable(String.valueOf(level))
          + "\""));
    }
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.toLevel(wanted, Level.INFO));
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
