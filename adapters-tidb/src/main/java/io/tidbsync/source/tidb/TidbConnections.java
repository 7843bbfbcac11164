package io.tidbsync.source.tidb;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.failure.SourceException;
import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.failure.Transience;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections to the source with mysql-connector-j: UTC session time zone (TIMESTAMPs read
 * as UTC), connect and socket timeouts, no client-side type guessing. One connection per use; the
 * caller closes it, or hands it back with {@link #release} when it is clean (a page read to its
 * end, or the work given to {@link #use} done), and the next {@link #open} reuses it after a ping. A keyset scan reads page after page: a
 * new connection per page cost a TCP connect, the login and the session set-up each time (on TiDB
 * Cloud also a TLS handshake, several round trips over the internet).
 */
final class TidbConnections implements AutoCloseable {
  /** At most this many idle connections are kept: one per table or key range read at once. */
  static final int MAX_IDLE = 8;
  private static final int PING_SECONDS = 5;

  private final TidbSourceConfig config;
  private final TlsTrust trust;
  private final java.util.ArrayDeque<Connection> idle = new java.util.ArrayDeque<>();
  private final TidbSnapshots snapshots = new TidbSnapshots(this::connect);
  private boolean closed;

  TidbConnections(TidbSourceConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.trust = config.caCertificates().map(TlsTrust::of).orElse(null);
  }

  /** The snapshot reads are pinned to, on TiDB, once {@link TidbSnapshots#pin()} was called. */
  TidbSnapshots snapshots() {
    return snapshots;
  }

  /**
   * An idle connection that answers a ping, else a new one; inside a transaction at the pinned
   * snapshot when there is one.
   */
  Connection open() {
    Connection connection = reusedOrNew();
    try {
      snapshots.enter(connection);
      return connection;
    } catch (SQLException e) {
      closeQuietly(connection);
      if (TidbErrors.isConnectionLoss(e)) {
        throw unreachable(e);
      }
      throw new SourceException("reading at snapshot " + snapshots.current() + " failed: " + SqlErrors.safeMessage(e),
          TidbErrors.forRead(e), null);
    }
  }

  private Connection reusedOrNew() {
    for (Connection reused = takeIdle(); reused != null; reused = takeIdle()) {
      try {
        if (reused.isValid(PING_SECONDS)) {
          return reused;
        }
      } catch (SQLException e) {
        // a broken idle connection: drop it and try the next
      }
      closeQuietly(reused);
    }
    return connect();
  }

  private synchronized Connection takeIdle() {
    return idle.pollFirst();
  }

  /** Work done on a connection from {@link #use}. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs the work on a connection from {@link #open}, then hands the connection back for the next
   * use when the work returned (its statements closed, nothing pending), or closes it when the
   * work threw, its state then unknown. Discovery, counts and checks of a run share connections
   * this way instead of logging in once each (eight logins for one table's incremental run). The
   * work may have ended the connection's snapshot transaction ({@link TidbSnapshots#forget}), so
   * its next use starts it again.
   */
  <T> T use(Work<T> work) throws SQLException {
    Connection connection = open();
    boolean clean = false;
    try {
      T result = work.run(connection);
      clean = true;
      return result;
    } finally {
      if (clean) {
        snapshots.forget(connection);
        release(connection);
      } else {
        closeQuietly(connection);
      }
    }
  }

  /** Keeps a connection with nothing pending on it for the next {@link #open}, or closes it. */
  void release(Connection connection) {
    synchronized (this) {
      if (!closed && idle.size() < MAX_IDLE) {
        idle.addFirst(connection);
        return;
      }
    }
    closeQuietly(connection);
  }

  /** Closes the idle connections and ends the pinned snapshot; later releases close theirs. */
  @Override
  public void close() {
    java.util.List<Connection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new java.util.ArrayList<>(idle);
      idle.clear();
    }
    toClose.forEach(TidbConnections::closeQuietly);
    snapshots.close();
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // it was idle; nothing depends on it
    }
  }

  private Connection connect() {
    Properties props = new Properties();
    props.setProperty("user", config.user());
    props.setProperty("password", config.password().value());
    props.setProperty("connectTimeout", Long.toString(config.connectTimeout().toMillis()));
    // The connect timeout covers the TCP connect only; the login handshake and the driver's session
    // set-up are network reads, so they get the connect timeout as their read timeout too (a server
    // that accepts but never answers is given up on after it, not after the read timeout). The read
    // timeout proper is set once the session is up.
    props.setProperty("socketTimeout", Long.toString(config.connectTimeout().toMillis()));
    props.setProperty("connectionTimeZone", "UTC");
    props.setProperty("forceConnectionTimeZoneToSession", "true");
    props.setProperty("characterEncoding", "UTF-8");
    props.setProperty("tinyInt1isBit", "false");
    props.setProperty("sslMode", config.tls().name());
    if (trust != null) {
      // Only these CAs: a server certificate that does not chain to them is refused.
      props.setProperty("trustCertificateKeyStoreUrl", trust.file.toUri().toString());
      props.setProperty("trustCertificateKeyStoreType", "PKCS12");
      props.setProperty("trustCertificateKeyStorePassword", trust.password);
      props.setProperty("fallbackToSystemTrustStore", "false");
    }
    props.setProperty("allowPublicKeyRetrieval", "false");
    // Whatever the host or server says: no local or URL files sent (LOAD DATA LOCAL), no Java
    // objects deserialized from BLOBs, one statement per query.
    props.setProperty("allowLoadLocalInfile", "false");
    props.setProperty("allowUrlInLocalInfile", "false");
    props.setProperty("allowLoadLocalInfileInPath", "");
    props.setProperty("autoDeserialize", "false");
    props.setProperty("allowMultiQueries", "false");
    props.setProperty("useCursorFetch", "false");
    // Server-side prepared statements return rows in the binary protocol: numbers and date-times
    // arrive as bytes, not text the driver must parse (the bench: 15% less CPU for the sync and 25%
    // less for the server, on table A).
    props.setProperty("useServerPrepStmts", "true");
    // A kept connection keeps its prepared page statements: the pages after the first share one
    // statement text, so each page is one round trip (execute) instead of two (prepare, execute).
    // Over TLS with 10 ms of round trip, 100 pages took 6.0 s instead of 7.0 s.
    props.setProperty("cachePrepStmts", "true");
    props.setProperty("prepStmtCacheSqlLimit", "65535");
    props.setProperty("cacheDefaultTimeZone", "false");
    // The host was checked to be a name or an address (ConfigurationLoader); an IPv6 one needs brackets.
    String host = config.host().contains(":") && !config.host().startsWith("[") ? "[" + config.host() + "]" : config.host();
    String url = "jdbc:mysql://" + host + ":" + config.port() + "/";
    try {
      return CONNECT_RETRY.executeCheckedSupplier(() -> {
        Connection connection = DriverManager.getConnection(url, props);
        try {
          connection.setNetworkTimeout(Runnable::run, Math.toIntExact(config.socketTimeout().toMillis()));
        } catch (SQLException | RuntimeException e) {
          closeQuietly(connection);
          throw e;
        }
        return connection;
      });
    } catch (SQLException e) {
      throw unreachable(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * A connection refused, reset or timed out may be a server restarting or a network blip: tried
   * three times, 1 s then 2 s apart, before the run reports the source unreachable. A refused login,
   * a TLS failure or a missing database is not retried: trying again cannot help.
   */
  private static final io.github.resilience4j.retry.Retry CONNECT_RETRY = io.github.resilience4j.retry.Retry.of(
      "tidb-connect", io.github.resilience4j.retry.RetryConfig.custom()
          .maxAttempts(3)
          .intervalFunction(io.github.resilience4j.core.IntervalFunction.ofExponentialBackoff(java.time.Duration.ofSeconds(1), 2))
          .retryOnException(e -> e instanceof SQLException sql && transientConnectFailure(sql))
          .build());

  static boolean transientConnectFailure(SQLException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof javax.net.ssl.SSLException) {
        return false;
      }
    }
    if (e.getErrorCode() == 1045 || e.getErrorCode() == 1049 || "28000".equals(e.getSQLState())) {
      return false;
    }
    return e.getSQLState() != null && e.getSQLState().startsWith("08");
  }

  SourceException unreachable(SQLException e) {
    String reason = SqlErrors.safeMessage(e);
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof javax.net.ssl.SSLException tls) {
        return new SourceUnreachableException("TLS with " + config.host() + ":" + config.port() + " failed ("
            + config.tls().name().toLowerCase(java.util.Locale.ROOT) + "): " + tls.getMessage()
            + " (check TLS_MODE and TLS_CA_CERTIFICATE)", null);
      }
    }
    if (reason.contains("SSL") && config.tls() != TidbSourceConfig.TlsMode.DISABLED) {
      return new SourceUnreachableException("TLS with " + config.host() + ":" + config.port() + " failed ("
          + config.tls().name().toLowerCase(java.util.Locale.ROOT) + "): " + reason
          + " (check TLS_MODE and TLS_CA_CERTIFICATE)", null);
    }
    if (e.getErrorCode() == 1045 || "28000".equals(e.getSQLState())) {
      return new SourceUnreachableException(
          "authentication failed for " + config.describe() + ": " + reason
              + " (check TIDB_USER and TIDB_PASS)", null);
    }
    if (e.getErrorCode() == 1049) {
      return new io.tidbsync.domain.failure.SourceConfigurationException(
          "database " + config.database() + " does not exist on " + config.host() + ":" + config.port()
              + " (check TIDB_DATABASE)");
    }
    return new SourceUnreachableException(
        "cannot connect to " + config.describe() + ": " + reason
            + " (check TIDB_HOST, TIDB_PORT and that the server is running)", null);
  }
}
