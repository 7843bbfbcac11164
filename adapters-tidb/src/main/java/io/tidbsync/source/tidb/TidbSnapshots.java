package io.tidbsync.source.tidb;

import io.tidbsync.domain.model.SourceSnapshot;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;

/**
 * Pins a TiDB source's reads to one snapshot. A TSO is taken once; every connection that reads
 * then runs inside a read-only stale-read transaction at it ({@code START TRANSACTION READ ONLY
 * AS OF TIMESTAMP}, which TiDB's docs recommend over {@code tidb_snapshot}), so every page of every
 * table and key range sees the same moment. A holder connection keeps such a transaction open
 * until the source closes: since v6.1 TiDB does not move its GC safe point past the start of an
 * open transaction, for up to {@code tidb_gc_max_wait_time} (24 h by default), so the snapshot's
 * row versions stay readable however long the run takes. A {@code tidb_snapshot} session variable
 * holds nothing back (and on a server whose GC has not run yet it fails with "can not get
 * 'tikv_gc_safe_point'").
 */
final class TidbSnapshots implements AutoCloseable {
  private final Supplier<Connection> connect;
  /** The TSO each connection's open stale-read transaction reads at (weak: closed ones go). */
  private final Map<Connection, Long> entered = Collections.synchronizedMap(new WeakHashMap<>());
  private volatile SourceSnapshot current;
  private Connection holder;

  TidbSnapshots(Supplier<Connection> connect) {
    this.connect = connect;
  }

  /** Takes a snapshot now and holds it; the connections that read afterwards read at it. */
  synchronized SourceSnapshot pin() throws SQLException {
    Connection fresh = connect.get();
    try {
      long now;
      try (Statement st = fresh.createStatement()) {
        st.execute("START TRANSACTION WITH CONSISTENT SNAPSHOT");
        now = currentTs(st);
        st.execute("COMMIT");
      }
      // The stale-read transaction reads at the TSO's millisecond (its logical counter dropped):
      // that TSO, read back from the transaction itself, is the snapshot.
      long tso = begin(fresh, now);
      Connection previous = holder;
      holder = fresh;
      current = SourceSnapshot.ofTso(tso);
      closeQuietly(previous);
      return current;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(fresh);
      throw e;
    }
  }

  /** The snapshot, replaced by a fresh one unless that was done since {@code stale} was pinned. */
  synchronized SourceSnapshot renew(SourceSnapshot stale) throws SQLException {
    if (current == null || !current.equals(stale)) {
      return current;
    }
    return pin();
  }

  SourceSnapshot current() {
    return current;
  }

  /**
   * Puts {@code connection} in a read-only transaction at the pinned snapshot, ending one at an
   * older snapshot first; nothing when no snapshot is pinned or it is there already.
   */
  void enter(Connection connection) throws SQLException {
    SourceSnapshot snapshot = current;
    if (snapshot == null) {
      return;
    }
    Long at = entered.get(connection);
    if (at != null && at == snapshot.tso()) {
      return;
    }
    if (at != null) {
      try (Statement st = connection.createStatement()) {
        st.execute("COMMIT");
      }
    }
    begin(connection, snapshot.tso());
  }

  /**
   * Forgets that {@code connection} reads at a snapshot, so the next {@link #enter} starts its
   * transaction again. For a connection that ran anything but reads of table rows: on TiDB v8.5 a
   * query over {@code information_schema.TABLES} or {@code SCHEMATA} ends the stale-read
   * transaction it runs in ({@code @@tidb_current_ts} is 0 after it), and the connection would
   * then read the latest rows instead of the snapshot's.
   */
  void forget(Connection connection) {
    entered.remove(connection);
  }

  /** Starts a stale-read transaction at {@code tso} on the connection; returns the TSO it reads at. */
  private long begin(Connection connection, long tso) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(TidbSql.startReadAt(tso));
      long at = currentTs(st);
      entered.put(connection, at);
      return at;
    }
  }

  private static long currentTs(Statement st) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT @@tidb_current_ts")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Ends the holder's transaction; the snapshot is no longer held. */
  @Override
  public synchronized void close() {
    closeQuietly(holder);
    holder = null;
    current = null;
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // closing ends its transaction either way
    }
  }
}
