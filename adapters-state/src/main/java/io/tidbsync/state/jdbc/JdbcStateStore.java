package io.tidbsync.state.jdbc;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.StateCodec;
import io.tidbsync.domain.port.StatePort;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * State as one row of the table {@code _tidbsync_state} (name, state JSON, saved_at) in a
 * PostgreSQL, MySQL/MariaDB/TiDB or DuckDB database: the same JSON as the state file. A save is one
 * transaction, so a crash leaves the old row or the new one. The first use opens a connection and
 * takes the state's lock (see {@link SqlDialect}); {@code close} releases both.
 */
public final class JdbcStateStore implements StatePort {
  private static final Set<String> HELD_IN_THIS_PROCESS = ConcurrentHashMap.newKeySet();

  private final JdbcStateConfig config;
  private final SqlDialect dialect;
  private final StateCodec codec;
  private final StateWriteErrors errors;
  private Connection connection;
  private String processKey;

  /** A save that fails with a retryable error is run again, at most this many times in all. */
  static final int SAVE_ATTEMPTS = 3;

  public JdbcStateStore(JdbcStateConfig config, StateCodec codec, StateWriteErrors errors) {
    this.config = requireNonNull(config, "config is null");
    this.codec = requireNonNull(codec, "codec is null");
    this.errors = requireNonNull(errors, "errors is null");
    this.dialect = SqlDialect.of(config.url());
  }

  public JdbcStateStore(JdbcStateConfig config, StateCodec codec) {
    this(config, codec, StateWriteErrors.DRIVER_DECLARED);
  }

  private String where() {
    return "state \"" + config.name() + "\" in " + config.safeUrl();
  }

  /** The lock's name: MySQL allows 64 characters, so long state names are hashed. */
  private String lockKey() {
    String key = "tidbsync:" + config.name();
    if (key.length() <= 64) {
      return key;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(config.name().getBytes(StandardCharsets.UTF_8));
      return "tidbsync:" + HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private synchronized Connection connection() {
    if (connection != null) {
      return connection;
    }
    // Session locks keep out other sessions of this process too; DuckDB has none, so a registry does.
    String key = dialect == SqlDialect.DUCKDB ? config.safeUrl() + "#" + config.name() : null;
    if (key != null && !HELD_IN_THIS_PROCESS.add(key)) {
      throw SqlDialect.held(where());
    }
    Connection opened = null;
    try {
      opened = DriverManager.getConnection(config.url(), config.user(), config.password().value());
      if (!dialect.tryLock(opened, lockKey())) {
        throw SqlDialect.held(where());
      }
      try (Statement st = opened.createStatement()) {
        st.execute(dialect.createTable(JdbcStateConfig.TABLE));
      }
      connection = opened;
      processKey = key;
      return connection;
    } catch (SQLException e) {
      if (String.valueOf(e.getMessage()).contains("Could not set lock on file")) {
        // DuckDB: another process has the database file open.
        throw SqlDialect.held(where() + ", whose file another process has open");
      }
      throw failure("open", e);
    } finally {
      if (connection == null) {
        if (key != null) {
          HELD_IN_THIS_PROCESS.remove(key);
        }
        closeQuietly(opened);
      }
    }
  }

  @Override
  public synchronized SyncState load() {
    return read(connection());
  }

  /** On a connection of its own, without the lock: a save is one transaction, so this sees a whole one. */
  @Override
  public SyncState peek() {
    if (dialect == SqlDialect.DUCKDB) {
      return load(); // one process at a time opens a DuckDB file: there is no reading beside a run
    }
    try (Connection c = DriverManager.getConnection(config.url(), config.user(), config.password().value())) {
      return read(c);
    } catch (SQLException e) {
      throw failure("read", e);
    }
  }

  private SyncState read(Connection c) {
    String text;
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT state FROM " + JdbcStateConfig.TABLE + " WHERE name = ?")) {
      ps.setString(1, config.name());
      try (ResultSet rs = ps.executeQuery()) {
        text = rs.next() ? rs.getString(1) : null;
      }
    } catch (SQLException e) {
      if (c != connection && isMissingTable(e)) {
        return SyncState.EMPTY;
      }
      throw failure("read", e);
    }
    if (text == null || text.isBlank()) {
      return SyncState.EMPTY;
    }
    try {
      return codec.decode(text);
    } catch (IllegalArgumentException e) {
      throw new StateException(where() + " is corrupt: " + e.getMessage() + " (repair the row, or delete it to "
          + "start over with a full sync)", Transience.PERMANENT, e);
    }
  }

  /**
   * One transaction; run again when it fails with a passing conflict (on TiDB a write conflict,
   * 9007, or a schema change at commit, 8028), up to {@link #SAVE_ATTEMPTS} times.
   */
  @Override
  public synchronized void save(SyncState state) {
    String text = codec.encode(state);
    for (int attempt = 1; ; attempt++) {
      try {
        saveOnce(text);
        return;
      } catch (StateException e) {
        if (!(e.getCause() instanceof SQLException sql) || !retryable(sql) || attempt >= SAVE_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private void saveOnce(String text) {
    Connection c = connection();
    try {
      c.setAutoCommit(false);
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE " + JdbcStateConfig.TABLE + " SET state = ?, saved_at = ? WHERE name = ?")) {
        Timestamp now = Timestamp.from(Instant.now());
        update.setString(1, text);
        update.setTimestamp(2, now);
        update.setString(3, config.name());
        if (update.executeUpdate() == 0) {
          try (PreparedStatement insert = c.prepareStatement(
              "INSERT INTO " + JdbcStateConfig.TABLE + " (name, state, saved_at) VALUES (?, ?, ?)")) {
            insert.setString(1, config.name());
            insert.setString(2, text);
            insert.setTimestamp(3, now);
            insert.executeUpdate();
          }
        }
      }
      c.commit();
    } catch (SQLException e) {
      try {
        c.rollback();
      } catch (SQLException ignored) {
        // the connection is gone; its transaction went with it
      }
      throw failure("write", e);
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException ignored) {
        // as above
      }
    }
  }

  /** PostgreSQL 42P01, MySQL 1146: the state table was never created, so there is no state yet. */
  private static boolean isMissingTable(SQLException e) {
    return "42P01".equals(e.getSQLState()) || e.getErrorCode() == 1146;
  }

  private StateException failure(String what, SQLException e) {
    boolean transientError = e instanceof SQLTransientException || e instanceof SQLRecoverableException
        || e.getSQLState() != null && e.getSQLState().startsWith("08");
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    return new StateException("cannot " + what + " " + where() + ": "
        + Secret.scrub(message, config.url(), config.password()) + errors.advice(e.getErrorCode()),
        transientError || retryable(e) ? Transience.TRANSIENT : Transience.PERMANENT, e);
  }

  private boolean retryable(SQLException e) {
    return errors.retryable(e.getErrorCode(), e.getSQLState(), e.getMessage());
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      try {
        dialect.unlock(connection, lockKey());
      } catch (SQLException ignored) {
        // closing the session ends its lock anyway
      }
      closeQuietly(connection);
      connection = null;
      if (processKey != null) {
        HELD_IN_THIS_PROCESS.remove(processKey);
      }
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing left to release
      }
    }
  }
}
