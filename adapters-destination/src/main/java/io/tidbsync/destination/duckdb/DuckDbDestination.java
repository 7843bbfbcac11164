package io.tidbsync.destination.duckdb;

import static io.tidbsync.destination.jdbc.KeyQueries.firstLine;
import static io.tidbsync.destination.jdbc.SqlNames.quote;
import static java.util.Objects.requireNonNull;

import io.tidbsync.destination.jdbc.DestinationStateStore;
import io.tidbsync.destination.jdbc.KeyQueries;
import io.tidbsync.destination.jdbc.Transactions;
import io.tidbsync.destination.retry.TransientErrors;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.DestinationUnavailableException;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.PreparedTable;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import io.tidbsync.domain.port.StateCodec;
import io.tidbsync.domain.port.TransactionalStatePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/**
 * The embedded default destination: a DuckDB file, one connection used by one thread at a time.
 * Tables are made and evolved by {@link DuckDbTables}; each batch is written by its table's
 * {@link DuckDbTableWriter} as one Arrow record batch (a straight {@code INSERT} while every row is
 * new, else one {@code MERGE}); {@link DuckDbMemory} and {@link DuckDbThreads} fit DuckDB's memory
 * and threads to the tables. The state can live in the same file and commit with each batch
 * ({@link #stateStore}).
 */
public final class DuckDbDestination implements io.tidbsync.domain.port.DestinationPort {
  /** Where versions before the Arrow path staged batches; dropped when found. */
  static final String STAGING_SCHEMA = "_tidbsync_staging";
  static final String SYNCED = KeyQueries.SYNCED;
  static final String DELETED = KeyQueries.DELETED;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuckDbDestination.class);

  private final DuckDbConfig config;
  private final Map<String, DuckDbTableWriter> prepared = new HashMap<>();
  private final DuckDbThreads threads;
  /** Open with the connection: the Arrow memory of the batches handed to it. */
  private ArrowBatches batches;
  private DuckDBConnection connection;
  /** Open with the connection: where the tables live, and how they are made and evolved. */
  private DuckDbNames names;
  private DuckDbTables tables;
  /** DuckDB's memory limit, checkpoint threshold and compression, fitted to the tables. */
  private final DuckDbMemory memory;

  public DuckDbDestination(DuckDbConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.memory = new DuckDbMemory(config);
    this.threads = new DuckDbThreads(config, Runtime.getRuntime().availableProcessors());
  }

  private synchronized DuckDBConnection connection() throws SQLException {
    if (connection == null) {
      Path parent = config.file().toAbsolutePath().getParent();
      try {
        if (parent != null) {
          Files.createDirectories(parent);
        }
      } catch (java.io.IOException e) {
        throw new SQLException("cannot create folder " + parent + ": " + e.getMessage(), e);
      }
      Properties props = new Properties();
      try {
        connection = (DuckDBConnection) DriverManager.getConnection(
            "jdbc:duckdb:" + config.file().toAbsolutePath(), props);
      } catch (SQLException e) {
        throw unavailable(e);
      }
      try (Statement st = connection.createStatement()) {
        for (String setting : config.settings()) {
          st.execute(setting);
        }
        try (ResultSet rs = st.executeQuery("SELECT current_database()")) {
          rs.next();
          names = new DuckDbNames(rs.getString(1), config.schema());
        }
        st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(names.catalog(), names.schema()));
        tables = new DuckDbTables(names);
      }
      batches = new ArrowBatches();
      threads.reset();
    }
    return connection;
  }

  /** A table of the configured schema, named with its catalog. */
  private String table(String name) {
    return names.table(name);
  }

  @Override
  public synchronized PreparedTable prepare(TableSchema schema) {
    if (schema.primaryKey().isEmpty()) {
      throw new DestinationException("table " + schema.table()
          + " has no primary key; the DuckDB destination upserts by key", Transience.PERMANENT);
    }
    try {
      Connection c = connection();
      memory.prepare(c, schema);
      PreparedTable result = tables.prepare(c, schema);
      String target = table(schema.table().name());
      prepared.put(schema.table().name(), new DuckDbTableWriter(target, schema, threads.forWrites(), result.created()));
      return result;
    } catch (SQLException e) {
      throw failure("preparing table " + schema.table(), e);
    }
  }

  @Override
  public synchronized Written upsert(TableSchema schema, List<Row> rows) {
    return upsert(schema, rows, null);
  }

  /** Writes the batch; {@code alsoInTransaction} (the state's row, or null) commits with it. */
  private synchronized Written upsert(TableSchema schema, List<Row> rows, DestinationStateStore.SqlWork<Void> alsoInTransaction) {
    DuckDbTableWriter table = preparedFor(schema);
    if (rows.isEmpty() && alsoInTransaction == null) {
      return Written.NONE;
    }
    try {
      DuckDBConnection c = connection();
      threads.use(c, table.threads());
      Written changed = table.write(c, batches, rows, alsoInTransaction);
      memory.written(connection(), rows.size());
      return changed;
    } catch (SQLException e) {
      throw failure("upserting " + rows.size() + " rows into " + schema.table(), e);
    } catch (IllegalArgumentException e) {
      throw new DestinationException("upserting into " + schema.table() + ": " + e.getMessage(), Transience.PERMANENT, e);
    }
  }

  private DuckDbTableWriter preparedFor(TableSchema schema) {
    DuckDbTableWriter table = prepared.get(schema.table().name());
    if (table == null || !table.schema().equals(schema)) {
      throw new DestinationException("table " + schema.table() + " was not prepared with this schema",
          Transience.PERMANENT);
    }
    return table;
  }

  @Override
  public synchronized List<List<Object>> liveKeys(TableSchema schema, Optional<List<Object>> after, int limit) {
    preparedFor(schema);
    try {
      Connection c = connection();
      return KeyQueries.liveKeys(c, table(schema.table().name()), schema, after, limit);
    } catch (SQLException e) {
      throw failure("listing keys of " + schema.table(), e);
    }
  }

  @Override
  public synchronized long markDeleted(TableSchema schema, List<List<Object>> keys) {
    preparedFor(schema);
    if (keys.isEmpty()) {
      return 0;
    }
    try {
      Connection c = connection();
      return KeyQueries.markDeleted(c, table(schema.table().name()), schema, keys);
    } catch (SQLException e) {
      throw failure("marking " + keys.size() + " deleted rows of " + schema.table(), e);
    }
  }

  /** States held by DuckDB destinations of this process: DuckDB's file lock keeps out other processes only. */
  private static final java.util.Set<String> STATES_HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * The state in this file ({@code _tidbsync_state} in the destination's schema), committed with
   * each batch. Its lock is DuckDB's own: one process at a time opens the file read-write.
   */
  @Override
  public Optional<TransactionalStatePort> stateStore(String name, StateCodec codec) {
    String key = config.file().toAbsolutePath() + "#" + name;
    DestinationStateStore.Host host = new DestinationStateStore.Host() {
      @Override
      public String describe() {
        return "DuckDB file " + config.file().toAbsolutePath() + ", schema " + config.schema();
      }

      @Override
      public <T> T inTransaction(DestinationStateStore.SqlWork<T> work) {
        synchronized (DuckDbDestination.this) {
          try {
            return Transactions.run(connection(), work);
          } catch (SQLException e) {
            throw new StateException("cannot use the state in " + describe() + ": " + firstLine(e), Transience.PERMANENT, e);
          }
        }
      }

      @Override
      public Written upsert(TableSchema schema, List<Row> rows, DestinationStateStore.SqlWork<Void> alsoInTransaction) {
        return DuckDbDestination.this.upsert(schema, rows, alsoInTransaction);
      }

      @Override
      public void lock(String stateName) {
        if (!STATES_HELD.add(key)) {
          throw new StateException("another sync holds the lock on state \"" + stateName + "\" in " + describe()
              + " (a second run against the same state stops here)", Transience.PERMANENT);
        }
        try {
          inTransaction(c -> {
            try (Statement st = c.createStatement()) {
              st.execute(DestinationStateStore.createTable(table(DestinationStateStore.TABLE)));
            }
            return null;
          });
        } catch (StateException | DestinationUnavailableException e) {
          STATES_HELD.remove(key);
          if (e.getMessage().contains("Could not set lock on file")) {
            throw new StateException("another sync holds the lock on state \"" + stateName + "\" in " + describe()
                + ": another process has the file open (the lock ends when that run ends or its process dies)",
                Transience.PERMANENT, e);
          }
          throw e;
        }
      }

      @Override
      public void unlock(String stateName) {
        STATES_HELD.remove(key);
      }
    };
    return Optional.of(new DestinationStateStore(host, () -> table(DestinationStateStore.TABLE), name, codec));
  }

  /**
   * The file cannot be opened: another process holds it, it is not writable, or it is not a DuckDB
   * file. Nothing can be written, so the run stops here once, with DuckDB's own reason.
   */
  private DestinationUnavailableException unavailable(SQLException e) {
    String reason = firstLine(e);
    String hint = reason.contains("Could not set lock on file")
        ? " (another process has the file open: wait for it, or set DUCKDB_FILE to another file)"
        : reason.contains("Permission denied") ? " (the file or its folder is not writable by this user)" : "";
    return new DestinationUnavailableException("DuckDB file "
        + config.file().toAbsolutePath() + " cannot be opened: " + reason + hint, e);
  }

  private static DestinationException failure(String what, SQLException e) {
    Transience transience = TransientErrors.isTransient(e) ? Transience.TRANSIENT : Transience.PERMANENT;
    String message = firstLine(e);
    if (message.contains("could not allocate block") || message.contains("Out of Memory")) {
      message += " (DUCKDB_MEMORY_LIMIT is too small for this table's key index and pending data)";
    }
    return new DestinationException("DuckDB: " + what + " failed: " + message, transience, e);
  }

  @Override
  public synchronized void close() {
    if (connection != null) {
      // The warehouse holds only the user's data: a file written by a version that staged batches
      // in tables may still hold them.
      try (Statement st = connection.createStatement()) {
        threads.use(connection, threads.forClose());
        if (names != null) {
          st.execute("DROP SCHEMA IF EXISTS " + quote(names.catalog(), STAGING_SCHEMA) + " CASCADE");
        }
      } catch (SQLException e) {
        LOG.debug("staging schema left for the next run to replace: {}", e.getMessage());
      }
      try {
        connection.close();
      } catch (SQLException e) {
        throw failure("closing " + config.file(), e);
      } finally {
        if (batches != null) {
          batches.close();
          batches = null;
        }
        connection = null;
        names = null;
        tables = null;
        prepared.clear();
      }
    }
  }
}
