package io.tidbsync.source.tidb;

import io.tidbsync.domain.failure.SourceRecovery;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The one place where errors of TiDB (and the MySQL protocol) are sorted by what to do about them:
 * read again after a pause, read in smaller pages, read at a fresh snapshot, or give up. Codes from
 * TiDB's "Error Codes and Troubleshooting" (https://docs.pingcap.com/tidb/stable/error-codes); each
 * has a test row in {@code TidbErrorsTest}, and those a single TiDB server can produce are also
 * provoked on one in {@code TidbErrorsIT}.
 */
public final class TidbErrors {
  private TidbErrors() {}

  /** What a failed read of the source may do next. */
  public static SourceRecovery forRead(SQLException e) {
    SourceRecovery recovery = forRead(e.getErrorCode(), e.getSQLState(), e.getMessage());
    return recovery == SourceRecovery.FAIL_TABLE && isConnectionLoss(e) ? SourceRecovery.RETRY : recovery;
  }

  /** As {@link #forRead(SQLException)}, from the error's vendor code, SQLState and message. */
  public static SourceRecovery forRead(int code, String sqlState, String text) {
    String message = text == null ? "" : text.toLowerCase(Locale.ROOT);
    return switch (code) {
      // 8175: the query went over tidb_mem_quota_query; 8001: TiDB's older memory-limit code.
      case 8175, 8001 -> SourceRecovery.SHRINK_PAGE;
      // 9006: "GC life time is shorter than transaction duration"; 8055: "snapshot is older than
      // GC safe point". The versions the snapshot needs are gone or going.
      case 9006, 8055 -> SourceRecovery.NEW_SNAPSHOT;
      // 8022: a retryable KV error; 8027: this TiDB's schema is out of date; 8028: the schema
      // changed during the statement; 9001/9002: PD or TiKV timed out; 9003: TiKV busy; 9004:
      // lock resolution timed out; 9005: a region is unavailable; 9007 and 8005: write conflict
      // (the state store's writes); 8002: SELECT FOR UPDATE conflict; 9010: TiKV's max timestamp
      // not synced yet; 9012/9013: TiFlash timeout or busy; 1205/1213: lock wait timeout, deadlock.
      case 8022, 8027, 8028, 9001, 9002, 9003, 9004, 9005, 9007, 8005, 8002, 9010, 9012, 9013, 1205, 1213 ->
          SourceRecovery.RETRY;
      // 1105 is TiDB's catch-all: its text tells.
      case 1105 -> unknownError(message);
      case 2013, 2006 -> SourceRecovery.RETRY;
      default -> sqlState != null && sqlState.startsWith("08") ? SourceRecovery.RETRY : SourceRecovery.FAIL_TABLE;
    };
  }

  private static SourceRecovery unknownError(String message) {
    if (message.contains("gc safe point") || message.contains("gc life time")) {
      return SourceRecovery.NEW_SNAPSHOT;
    }
    if (message.contains("region") && (message.contains("unavailable") || message.contains("epoch not match")
        || message.contains("not leader")) || message.contains("server is busy") || message.contains("timeout")) {
      return SourceRecovery.RETRY;
    }
    return SourceRecovery.FAIL_TABLE;
  }

  /** Whether a write transaction (the state store's save) that failed with this may simply run again. */
  public static boolean retryableWrite(SQLException e) {
    return retryableWrite(e.getErrorCode(), e.getSQLState(), e.getMessage());
  }

  /** As {@link #retryableWrite(SQLException)}, from the error's vendor code, SQLState and message. */
  public static boolean retryableWrite(int code, String sqlState, String message) {
    return forRead(code, sqlState, message) == SourceRecovery.RETRY;
  }

  /**
   * What a person can change when the error is about a limit they set, or empty: 8004 (transaction
   * too large) and 8025 (entry too large) when the state row is big; 8175 when even small pages
   * are over the memory quota.
   */
  public static String advice(SQLException e) {
    return advice(e.getErrorCode());
  }

  /** As {@link #advice(SQLException)}, from the error's vendor code. */
  public static String advice(int code) {
    return switch (code) {
      case 8004 -> " (TiDB's txn-total-size-limit is below this transaction's size)";
      case 8025 -> " (TiDB's txn-entry-size-limit, 6 MB by default, is below this row's size)";
      case 8175 -> " (TiDB's tidb_mem_quota_query is below what one page of this table needs)";
      default -> "";
    };
  }

  /** Errors where the connection itself broke (reset, server gone, timeout). */
  static boolean isConnectionLoss(SQLException e) {
    String state = e.getSQLState();
    return (state != null && state.startsWith("08"))
        || e.getErrorCode() == 2013
        || e.getErrorCode() == 2006
        || e instanceof java.sql.SQLRecoverableException
        || e instanceof java.sql.SQLTransientConnectionException;
  }
}
