package io.tidbsync.source.tidb;

import java.sql.SQLException;

/** Driver error text made safe for logs and state: one line, no stack, bounded length. */
final class SqlErrors {
  private static final int MAX = 300;

  private SqlErrors() {}

  static String safeMessage(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    if (message.length() > MAX) {
      message = message.substring(0, MAX) + "…";
    }
    String code = e.getErrorCode() != 0 ? " [error " + e.getErrorCode() + "]" : "";
    return message + code;
  }

}
