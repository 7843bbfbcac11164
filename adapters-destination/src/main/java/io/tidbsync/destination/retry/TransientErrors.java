package io.tidbsync.destination.retry;

import io.tidbsync.domain.failure.TidbSyncException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/** Which errors are worth retrying: the connection broke, or the database asked to try again. */
public final class TransientErrors {
  private TransientErrors() {}

  /** Walks the cause chain; the first verdict found wins. */
  public static boolean isTransient(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof TidbSyncException domain) {
        return domain.isTransient();
      }
      if (t instanceof SQLException sql) {
        return isTransient(sql);
      }
    }
    return false;
  }

  public static boolean isTransient(SQLException e) {
    // Driver-declared: timeouts, lost connections, rollbacks the server asks to retry.
    if (e instanceof SQLTransientException || e instanceof SQLRecoverableException) {
      return true;
    }
    String state = e.getSQLState();
    if (state != null) {
      // Class 08: connection exception (refused, reset, server gone).
      if (state.startsWith("08")) {
        return true;
      }
      // 40001: serialization failure; 40P01: PostgreSQL deadlock; 57P01-57P03: PostgreSQL's
      // server ended the session (pg_terminate_backend, shutdown) or cannot take one yet.
      if (state.equals("40001") || state.equals("40P01") || state.startsWith("57P")) {
        return true;
      }
    }
    // MySQL vendor codes 1205 (lock wait timeout) and 1213 (deadlock).
    if (e.getErrorCode() == 1205 || e.getErrorCode() == 1213) {
      return true;
    }
    // DuckDB reports optimistic write-write conflicts only in its message text.
    String message = e.getMessage();
    return message != null && message.contains("TransactionContext Error: Conflict");
  }
}
