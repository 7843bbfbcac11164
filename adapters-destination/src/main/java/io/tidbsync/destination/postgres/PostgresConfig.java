package io.tidbsync.destination.postgres;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.Secret;

/**
 * Where the PostgreSQL destination writes: a pgjdbc URL ({@code jdbc:postgresql://host:5432/db}),
 * the login, the schema its tables go into (created when missing), and the most connections its
 * pool opens (tables synced at once, plus one).
 */
public record PostgresConfig(String url, String user, Secret password, String schema, int poolSize) {
  public PostgresConfig {
    requireNonNull(url, "url is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    requireNonNull(schema, "schema is null");
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("url must start with jdbc:postgresql:, found " + Secret.maskInUrl(url));
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be at least 1, found " + poolSize);
    }
  }

  /** Without secrets: the password is a {@code Secret}, and a password inside the URL is masked too. */
  @Override
  public String toString() {
    return "PostgresConfig[url=" + Secret.maskInUrl(url) + ", user=" + user
        + ", schema=" + schema + ", poolSize=" + poolSize + "]";
  }
}
