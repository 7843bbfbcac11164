package io.tidbsync.state.jdbc;

import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * What differs between the databases a state table can live in: its DDL, and the lock that keeps
 * a second run out. PostgreSQL and MySQL-protocol servers have session locks (an advisory lock,
 * {@code GET_LOCK}), which end with the session, so a crashed run's lock goes with its connection.
 * A DuckDB file can be opened by one process at a time, which is its lock; within one process a
 * registry of held names does the same.
 */
enum SqlDialect {
  POSTGRESQL("text", "timestamptz", "SELECT pg_try_advisory_lock(hashtext(?))", "SELECT pg_advisory_unlock(hashtext(?))"),
  MYSQL("longtext", "timestamp(6)", "SELECT GET_LOCK(?, 0)", "SELECT RELEASE_LOCK(?)"),
  DUCKDB("varchar", "timestamptz", null, null);

  private final String textType;
  private final String timeType;
  private final String lockSql;
  private final String unlockSql;

  SqlDialect(String textType, String timeType, String lockSql, String unlockSql) {
    this.textType = textType;
    this.timeType = timeType;
    this.lockSql = lockSql;
    this.unlockSql = unlockSql;
  }

  static SqlDialect of(String url) {
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    if (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:")) {
      return MYSQL;
    }
    if (url.startsWith("jdbc:duckdb:")) {
      return DUCKDB;
    }
    throw new IllegalArgumentException("a state database URL must start with jdbc:postgresql:, jdbc:mysql:, "
        + "jdbc:mariadb: or jdbc:duckdb:, found " + Secret.maskInUrl(url));
  }

  String createTable(String table) {
    return "CREATE TABLE IF NOT EXISTS " + table + " (name varchar(200) NOT NULL PRIMARY KEY, state " + textType
        + " NOT NULL, saved_at " + timeType + " NOT NULL)";
  }

  /**
   * Takes the run's lock on {@code key} in this session; false when another session holds it. The
   * key is short enough for MySQL's 64-character lock names.
   */
  boolean tryLock(Connection c, String key) throws SQLException {
    if (lockSql == null) {
      return true;
    }
    try (PreparedStatement ps = c.prepareStatement(lockSql)) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && rs.getBoolean(1);
      }
    }
  }

  void unlock(Connection c, String key) throws SQLException {
    if (unlockSql != null) {
      try (PreparedStatement ps = c.prepareStatement(unlockSql)) {
        ps.setString(1, key);
        ps.executeQuery().close();
      }
    }
  }

  static StateException held(String where) {
    return new StateException("another sync holds the lock on " + where
        + " (a second run against the same state stops here; the lock ends when that run ends or its process dies)",
        Transience.PERMANENT);
  }
}
