package io.tidbsync.state.jdbc;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.Secret;

/**
 * A state table in a JDBC database: {@code url} is a PostgreSQL, MySQL/MariaDB/TiDB or DuckDB JDBC
 * URL; {@code name} tells apart the syncs that keep their state in one table (one row each).
 */
public record JdbcStateConfig(String url, String user, Secret password, String name) {
  public static final String TABLE = "_tidbsync_state";

  public JdbcStateConfig {
    requireNonNull(url, "url is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    requireNonNull(name, "name is null");
    if (name.isBlank() || name.length() > 200) {
      throw new IllegalArgumentException("name must have 1 to 200 characters, found \"" + name + "\"");
    }
    SqlDialect.of(url);
  }

  /** The URL as it may be shown: any password parameter replaced. */
  public String safeUrl() {
    return Secret.maskInUrl(url);
  }

  @Override
  public String toString() {
    return "JdbcStateConfig[url=" + safeUrl() + ", user=" + user + ", name=" + name + "]";
  }
}
