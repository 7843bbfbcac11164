package io.tidbsync.source.tidb;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.Secret;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach the source: host, port, credentials, database, timeouts, whether
 * {@code TINYINT(1)} columns are booleans (MySQL's convention, the default), and TLS: the mode and,
 * optionally, the CA certificates (PEM) that the server's certificate must chain to; without them,
 * the JVM's trusted CAs (enough for TiDB Cloud, whose certificates public CAs sign).
 */
public record TidbSourceConfig(
    String host,
    int port,
    String user,
    Secret password,
    String database,
    Duration connectTimeout,
    Duration socketTimeout,
    boolean tinyint1AsBoolean,
    TlsMode tls,
    Optional<String> caCertificates) {

  /** mysql-connector-j's {@code sslMode} values. */
  public enum TlsMode {
    DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY;

    public boolean verifies() {
      return this == VERIFY_CA || this == VERIFY_IDENTITY;
    }
  }

  public TidbSourceConfig {
    requireNonNull(host, "host is null");
    // The host goes into the driver's URL: only what a name or an address holds, never a port,
    // path or parameters (the configuration loader explains the rule; this is the last guard).
    if (!host.matches("[A-Za-z0-9_.:\\[\\]%-]{1,255}")) {
      throw new IllegalArgumentException("host must be a host name or an IP address");
    }
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
    requireNonNull(database, "database is null");
    requireNonNull(connectTimeout, "connectTimeout is null");
    requireNonNull(socketTimeout, "socketTimeout is null");
    requireNonNull(tls, "tls is null");
    requireNonNull(caCertificates, "caCertificates is null");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be in 1..65535: " + port);
    }
  }

  /** TLS when the server offers it, unverified (the default). */
  public TidbSourceConfig(String host, int port, String user, Secret password, String database,
      Duration connectTimeout, Duration socketTimeout, boolean tinyint1AsBoolean) {
    this(host, port, user, password, database, connectTimeout, socketTimeout, tinyint1AsBoolean,
        TlsMode.PREFERRED, Optional.empty());
  }

  /** {@code host:port/database as user}, for messages; never the password. */
  public String describe() {
    return host + ":" + port + "/" + database + " as " + user;
  }
}
