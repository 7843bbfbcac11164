package io.tidbsync.source.tidb;

import io.tidbsync.domain.failure.SourceException;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.port.RowStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A streaming result set turned into rows. Closing it closes result set and statement; the
 * connection goes back to {@code connections} when every row was read, and is closed otherwise (a
 * streaming result left half-read, or a failed read, leaves the connection unfit for reuse).
 */
final class TidbRowStream implements RowStream {
  private final TidbConnections connections;
  private final Connection connection;
  private final PreparedStatement statement;
  private final ResultSet rs;
  private final ColumnReader[] readers;
  private final String table;
  private boolean exhausted;
  private boolean failed;

  TidbRowStream(TidbConnections connections, Connection connection, PreparedStatement statement, ResultSet rs,
      ColumnReader[] readers, String table) {
    this.connections = connections;
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
        exhausted = true;
        return null;
      }
      Object[] values = new Object[readers.length];
      for (int i = 0; i < readers.length; i++) {
        values[i] = readers[i].read(rs, i + 1);
      }
      return new Row(values);
    } catch (SQLException e) {
      failed = true;
      throw new SourceException("reading table " + table + " failed: " + SqlErrors.safeMessage(e)
          + TidbErrors.advice(e), TidbErrors.forRead(e), null);
    }
  }

  @Override
  public void close() {
    if (exhausted && !failed) {
      try (PreparedStatement s = statement; ResultSet r = rs) {
        // closes both, in reverse order
      } catch (SQLException e) {
        failed = true;
      }
      if (!failed) {
        connections.release(connection);
        return;
      }
    }
    try (Connection c = connection; PreparedStatement s = statement; ResultSet r = rs) {
      // try-with-resources closes all three, in reverse order
    } catch (SQLException e) {
      // Closing a half-read streaming result can fail when the connection broke; nothing to save.
    }
  }
}
