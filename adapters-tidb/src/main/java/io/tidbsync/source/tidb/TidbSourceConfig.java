package io.tidbsync.source.tidb;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.Secret;
import java.time.Duration;

/**
 * How to reach the source: host, port, credentials, database, timeouts, and whether
 * {@code TINYINT(1)} columns are booleans (MySQL's convention, the default).
 */
public record TidbSourceConfig(
    String host,
    int port,
    String user,
    Secret password,
    String database,
    Duration connectTimeout,
    Duration socketTimeout,
    boolean tinyint1AsBoolean) {
  public TidbSourceConfig {
    requireNonNull(host, "host is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    requireNonNull(database, "database is null");
    requireNonNull(connectTimeout, "connectTimeout is null");
    requireNonNull(socketTimeout, "socketTimeout is null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be in 1..65535: " + port);
    }
  }

  /** {@code host:port/database as user}, for messages; never the password. */
  public String describe() {
    return host + ":" + port + "/" + database + " as " + user;
  }
}
