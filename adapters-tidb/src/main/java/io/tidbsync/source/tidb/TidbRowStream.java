package io.tidbsync.source.tidb;

import io.tidbsync.domain.failure.SourceException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.port.RowStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** A streaming result set turned into rows; closing it closes result set, statement, connection. */
final class TidbRowStream implements RowStream {
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rs;
  private final ColumnReader[] readers;
  private final String table;

  TidbRowStream(Connection connection, PreparedStatement statement, ResultSet rs, ColumnReader[] readers, String table) {
    this.connection = connection;
    this.statement = statement;
    this.rs = rs;
    this.readers = readers;
    this.table = table;
  }

  @Override
  public Row next() {
    try {
      if (!rs.next()) {
        return null;
      }
      Object[] values = new Object[readers.length];
      for (int i = 0; i < readers.length; i++) {
        values[i] = readers[i].read(rs, i + 1);
      }
      return new Row(values);
    } catch (SQLException e) {
      throw new SourceException("reading table " + table + " failed: " + SqlErrors.safeMessage(e),
          SqlErrors.isConnectionLoss(e) ? Transience.TRANSIENT : Transience.PERMANENT, null);
    }
  }

  @Override
  public void close() {
    try (Connection c = connection; PreparedStatement s = statement; ResultSet r = rs) {
      // try-with-resources closes all three, in reverse order
    } catch (SQLException e) {
      // Closing a half-read streaming result can fail when the connection broke; nothing to save.
    }
  }
}
