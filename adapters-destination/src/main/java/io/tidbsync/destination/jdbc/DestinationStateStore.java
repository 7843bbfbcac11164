package io.tidbsync.destination.jdbc;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import io.tidbsync.domain.port.StateCodec;
import io.tidbsync.domain.port.TransactionalStatePort;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The sync state as a row of {@code _tidbsync_state} in a SQL destination's own schema (the same
 * layout as the standalone state table), written in the same transaction as each batch. The
 * destination does the database work through {@link Host}; this class holds the state's name,
 * its lock and its text encoding.
 */
public final class DestinationStateStore implements TransactionalStatePort {
  public static final String TABLE = "_tidbsync_state";

  /** What a destination offers the store. */
  public interface Host {
    /** Where the state lives, for messages. */
    String describe();

    /** Runs {@code work} on a connection in a transaction, committing when it returns. */
    <T> T inTransaction(SqlWork<T> work);

    /** Upserts the rows and runs {@code alsoInTransaction} before the same commit. */
    Written upsert(TableSchema schema, List<Row> rows, SqlWork<Void> alsoInTransaction);

    /** Takes the state's lock, or throws a {@link StateException} saying another run holds it. */
    void lock(String name);

    void unlock(String name);
  }

  /** Database work on one connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T run(Connection c) throws SQLException;
  }

  private final Host host;
  private final java.util.function.Supplier<String> table;
  private final String name;
  private final StateCodec codec;
  private boolean locked;

  /**
   * @param table the state table's name, quoted and qualified as the destination needs (asked for
   *     when the table is used: a name may depend on the open database)
   */
  public DestinationStateStore(Host host, java.util.function.Supplier<String> table, String name, StateCodec codec) {
    this.host = requireNonNull(host, "host is null");
    this.table = requireNonNull(table, "table is null");
    this.name = requireNonNull(name, "name is null");
    this.codec = requireNonNull(codec, "codec is null");
  }

  /** The column types are standard SQL that PostgreSQL and DuckDB both take. */
  public static String createTable(String table) {
    return "CREATE TABLE IF NOT EXISTS " + table
        + " (name varchar(200) NOT NULL PRIMARY KEY, state text NOT NULL, saved_at timestamp with time zone NOT NULL)";
  }

  private String where() {
    return "state \"" + name + "\" in " + host.describe();
  }

  private synchronized void lock() {
    if (!locked) {
      host.lock(name);
      locked = true;
    }
  }

  @Override
  public SyncState load() {
    lock();
    return read();
  }

  /** Without the lock: a save commits with its batch, so a read sees a whole state. */
  @Override
  public SyncState peek() {
    try {
      return read();
    } catch (StateException e) {
      if (e.getCause() instanceof SQLException sql && ("42P01".equals(sql.getSQLState())
          || String.valueOf(sql.getMessage()).contains("does not exist"))) {
        return SyncState.EMPTY; // no state table yet: no sync has saved a state here
      }
      throw e;
    }
  }

  private SyncState read() {
    String text = host.inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT state FROM " + table.get() + " WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
    if (text == null || text.isBlank()) {
      return SyncState.EMPTY;
    }
    try {
      return codec.decode(text);
    } catch (IllegalArgumentException e) {
      throw new StateException(where() + " is corrupt: " + e.getMessage()
          + " (repair the row, or delete it to start over with a full sync)", Transience.PERMANENT, e);
    }
  }

  private Void write(Connection c, String text) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table.get() + " (name, state, saved_at) "
        + "VALUES (?, ?, now()) ON CONFLICT (name) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at")) {
      ps.setString(1, name);
      ps.setString(2, text);
      ps.executeUpdate();
    }
    return null;
  }

  @Override
  public void save(SyncState state) {
    lock();
    String text = codec.encode(state);
    host.inTransaction(c -> write(c, text));
  }

  @Override
  public Written upsertAndSave(TableSchema schema, List<Row> rows, SyncState state) {
    lock();
    String text = codec.encode(state);
    return host.upsert(schema, rows, c -> write(c, text));
  }

  @Override
  public synchronized void close() {
    if (locked) {
      host.unlock(name);
      locked = false;
    }
  }
}
