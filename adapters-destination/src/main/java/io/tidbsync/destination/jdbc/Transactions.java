package io.tidbsync.destination.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One JDBC transaction around some work, the way every SQL destination writes: autocommit off,
 * commit when the work returns, roll back when it throws (a failed rollback is added to the
 * original error, never hides it), autocommit back on afterwards.
 */
public final class Transactions {
  private Transactions() {}

  public static <T> T run(Connection c, DestinationStateStore.SqlWork<T> work) throws SQLException {
    c.setAutoCommit(false);
    boolean failed = true;
    try {
      T result = work.run(c);
      c.commit();
      failed = false;
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      try {
        c.setAutoCommit(true);
      } catch (SQLException e) {
        if (!failed) {
          throw e;
        }
        // already failing: the original error is the one to report
      }
    }
  }
}
