package io.tidbsync.destination.duckdb;

import static io.tidbsync.destination.jdbc.KeyQueries.firstLine;
import static io.tidbsync.destination.jdbc.SqlNames.quote;
import static java.util.Objects.requireNonNull;

import io.tidbsync.destination.jdbc.DestinationStateStore;
import io.tidbsync.destination.jdbc.KeyQueries;
import io.tidbsync.destination.jdbc.TableMarks;
import io.tidbsync.destination.jdbc.Transactions;
import io.tidbsync.destination.jdbc.TypeWidening;
import io.tidbsync.destination.retry.TransientErrors;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.DestinationUnavailableException;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
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
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.StringJoiner;
import org.duckdb.DuckDBConnection;

/**
 * The embedded default destination: a DuckDB file. Each batch reaches DuckDB as one Arrow record
 * batch ({@link ArrowBatches}) and is merged into the target with one {@code MERGE} (one atomic,
 * durable statement; the last row per key in a batch wins), or inserted with one {@code INSERT}
 * while every row is new. Tables get a real primary
 * key plus {@code _fivetran_synced} and {@code _fivetran_deleted}, as Fivetran's tester lays them
 * out. One connection, used by one thread at a time.
 */
public final class DuckDbDestination implements io.tidbsync.domain.port.DestinationPort {
  /** Where versions before the Arrow path staged batches; dropped when found. */
  static final String STAGING_SCHEMA = "_tidbsync_staging";
  static final String SYNCED = KeyQueries.SYNCED;
  static final String DELETED = KeyQueries.DELETED;

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuckDbDestination.class);

  private final DuckDbConfig config;
  private final Map<String, Prepared> prepared = new HashMap<>();
  private final DuckDbThreads threads;
  /** Open with the connection: the Arrow memory of the batches handed to it. */
  private ArrowBatches batches;
  private DuckDBConnection connection;
  /**
   * The database's own name (the file's base name): every name is written with it, since a schema
   * named like the file ({@code shop} in {@code shop.duckdb}) is otherwise an ambiguous reference.
   */
  private String catalog;
  /** DuckDB's memory limit, checkpoint threshold and compression, fitted to the tables. */
  private final DuckDbMemory memory;

  public DuckDbDestination(DuckDbConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.memory = new DuckDbMemory(config);
    this.threads = new DuckDbThreads(config, Runtime.getRuntime().availableProcessors());
  }

  /** A prepared table; {@code appendFirst} says whether the next batch tries the direct insert. */
  private static final class Prepared {
    final TableSchema schema;
    final ArrowBatches.Layout layout;
    final String insertSql;
    final String mergeSql;
    /** DuckDB's threads while this table is written ({@link DuckDbThreads}). */
    final int threads;
    boolean appendFirst = true;

    Prepared(TableSchema schema, String insertSql, String mergeSql, int threads) {
      this.schema = schema;
      this.threads = threads;
      this.layout = new ArrowBatches.Layout(schema);
      this.insertSql = insertSql;
      this.mergeSql = mergeSql;
    }
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
          catalog = rs.getString(1);
        }
        st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(catalog, config.schema()));
      }
      batches = new ArrowBatches();
      threads.reset();
    }
    return connection;
  }

  /** A table of the configured schema, named with its catalog. */
  private String table(String name) {
    return quote(catalog) + "." + quote(config.schema(), name);
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
      String target = table(schema.table().name());
      Map<String, String> existing = existingColumns(c, schema.table().name());
      PreparedTable result;
      if (existing.isEmpty()) {
        String identity = TableMarks.newIdentity();
        Transactions.run(c, conn -> {
          try (Statement create = conn.createStatement()) {
            create.execute(createTable(target, schema));
            create.execute("COMMENT ON TABLE " + target + " IS " + TableMarks.commentLiteral(identity));
          }
          return null;
        });
        result = PreparedTable.created(identity);
      } else {
        String identity = ownIdentity(c, target, schema.table().name(), existing);
        result = evolve(c, target, schema, existing, identity);
      }
      prepared.put(schema.table().name(), new Prepared(schema, insertSql(target, schema), mergeSql(target, schema),
          threads.forTable(schema)));
      return result;
    } catch (SQLException e) {
      throw failure("preparing table " + schema.table(), e);
    }
  }

  /**
   * The identity tidb-sync keeps in an existing table's comment. A table made before identities
   * were kept (it has the Fivetran columns) gets one now; any other table was not made by
   * tidb-sync and is refused, unaltered.
   */
  private String ownIdentity(Connection c, String target, String name, Map<String, String> existing)
      throws SQLException {
    String comment;
    try (PreparedStatement ps = c.prepareStatement("SELECT comment FROM duckdb_tables() "
        + "WHERE database_name = ? AND schema_name = ? AND table_name = ?")) {
      ps.setString(1, catalog);
      ps.setString(2, config.schema());
      ps.setString(3, name);
      try (ResultSet rs = ps.executeQuery()) {
        comment = rs.next() ? rs.getString(1) : null;
      }
    }
    Optional<String> identity = TableMarks.identityIn(comment);
    if (identity.isPresent()) {
      return identity.get();
    }
    if (!existing.containsKey(SYNCED) || !existing.containsKey(DELETED)) {
      throw new DestinationException("DuckDB table " + target + " exists but was not made by tidb-sync (it has no "
          + SYNCED + " and " + DELETED + " columns); tidb-sync never alters a table it did not make: rename or "
          + "drop that table, or set DUCKDB_SCHEMA to another schema", Transience.PERMANENT);
    }
    String adopted = TableMarks.newIdentity();
    try (Statement st = c.createStatement()) {
      st.execute("COMMENT ON TABLE " + target + " IS " + TableMarks.commentLiteral(adopted));
    }
    return adopted;
  }

  /**
   * Makes an existing table fit the schema: adds new columns, widens columns whose source type
   * widened (see {@link TypeWidening}), and refuses any other change with the columns named. DuckDB
   * cannot change a key column's type in place, so a widened key rebuilds the table (copy, drop,
   * rename) in one transaction.
   */
  private PreparedTable evolve(Connection c, String target, TableSchema schema, Map<String, String> existing,
      String identity) throws SQLException {
    List<String> changes = new java.util.ArrayList<>();
    List<String> refused = new java.util.ArrayList<>();
    List<String> added = new java.util.ArrayList<>();
    List<String> widened = new java.util.ArrayList<>();
    boolean keyWidened = false;
    for (ColumnSpec column : schema.columns()) {
      String wanted = DuckDbTypes.ddl(column.type());
      String have = existing.get(column.name().toLowerCase(Locale.ROOT));
      if (have == null) {
        changes.add("ALTER TABLE " + target + " ADD COLUMN " + quote(column.name()) + " " + wanted);
        added.add(column.name());
        continue;
      }
      Optional<LogicalType> existingType = DuckDbTypes.logical(have);
      if (have.equals(wanted) || existingType.isPresent() && TypeWidening.holds(existingType.get(), column.type())) {
        continue;
      }
      if (existingType.isPresent() && TypeWidening.holds(column.type(), existingType.get())) {
        changes.add("ALTER TABLE " + target + " ALTER COLUMN " + quote(column.name()) + " SET DATA TYPE " + wanted);
        widened.add(column.name());
        keyWidened |= schema.primaryKey().contains(column.name());
        continue;
      }
      refused.add("column " + column.name() + " is " + have + " in DuckDB but the source now has "
          + column.sourceType() + " (" + wanted + ")");
    }
    if (!refused.isEmpty()) {
      throw new DestinationException("DuckDB table " + target + " does not fit the source's columns: "
          + String.join("; ", refused) + " (tidb-sync widens columns but never converts or narrows one). "
          + "Convert or rename the table by hand, then sync again", Transience.PERMANENT);
    }
    PreparedTable result = new PreparedTable(Optional.of(identity), false, added, widened);
    if (changes.isEmpty()) {
      return result;
    }
    boolean rebuildTable = keyWidened;
    Transactions.run(c, conn -> {
      try (Statement st = conn.createStatement()) {
        if (rebuildTable) {
          rebuild(st, target, schema, existing);
          // The rebuilt table holds the same rows: it keeps the identity.
          st.execute("COMMENT ON TABLE " + target + " IS " + TableMarks.commentLiteral(identity));
        } else {
          for (String change : changes) {
            st.execute(change);
          }
        }
      }
      return null;
    });
    LOG.info("DuckDB table {} changed to match the source: {}", target, keyWidened ? "rebuilt, key widened" : changes);
    return result;
  }

  /** A new table with the schema's types (wider where the old ones were wider), the rows copied in. */
  private void rebuild(Statement st, String target, TableSchema schema, Map<String, String> existing)
      throws SQLException {
    String name = schema.table().name();
    String fresh = table(name + "__tidbsync_rebuild");
    StringJoiner columns = new StringJoiner(", ");
    StringJoiner copied = new StringJoiner(", ");
    for (ColumnSpec column : schema.columns()) {
      String have = existing.get(column.name().toLowerCase(Locale.ROOT));
      Optional<LogicalType> existingType = have == null ? Optional.empty() : DuckDbTypes.logical(have);
      String type = existingType.isPresent() && TypeWidening.holds(existingType.get(), column.type())
          ? have : DuckDbTypes.ddl(column.type());
      boolean key = schema.primaryKey().contains(column.name());
      columns.add(quote(column.name()) + " " + type + (key ? " NOT NULL" : ""));
      copied.add(have == null ? "NULL" : quote(column.name()));
    }
    for (String fivetran : List.of(SYNCED, DELETED)) {
      columns.add(quote(fivetran) + (fivetran.equals(SYNCED) ? " TIMESTAMPTZ" : " BOOLEAN"));
      copied.add(quote(fivetran));
    }
    StringJoiner key = new StringJoiner(", ", "PRIMARY KEY (", ")");
    schema.primaryKey().forEach(k -> key.add(quote(k)));
    st.execute("DROP TABLE IF EXISTS " + fresh);
    st.execute("CREATE TABLE " + fresh + " (" + columns + ", " + key + ")");
    st.execute("INSERT INTO " + fresh + " SELECT " + copied + " FROM " + target);
    st.execute("DROP TABLE " + target);
    st.execute("ALTER TABLE " + fresh + " RENAME TO " + quote(name));
  }

  private Map<String, String> existingColumns(Connection c, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT column_name, data_type FROM information_schema.columns "
            + "WHERE table_catalog = ? AND table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
      ps.setString(1, catalog);
      ps.setString(2, config.schema());
      ps.setString(3, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2));
        }
      }
    }
    return columns;
  }

  private static String createTable(String target, TableSchema schema) {
    StringJoiner columns = new StringJoiner(", ");
    for (ColumnSpec column : schema.columns()) {
      boolean key = schema.primaryKey().contains(column.name());
      columns.add(quote(column.name()) + " " + DuckDbTypes.ddl(column.type()) + (key ? " NOT NULL" : ""));
    }
    columns.add(quote(SYNCED) + " TIMESTAMPTZ");
    columns.add(quote(DELETED) + " BOOLEAN");
    StringJoiner key = new StringJoiner(", ", "PRIMARY KEY (", ")");
    schema.primaryKey().forEach(k -> key.add(quote(k)));
    columns.add(key.toString());
    return "CREATE TABLE " + target + " (" + columns + ")";
  }

  /**
   * The direct insert of a batch of new keys: by column name, so a target whose columns are in
   * another order or kept wider takes the batch as it is.
   */
  private static String insertSql(String target, TableSchema schema) {
    StringJoiner names = new StringJoiner(", ");
    for (ColumnSpec column : schema.columns()) {
      names.add(quote(column.name()));
    }
    return "INSERT INTO " + target + " (" + names + ", " + quote(SYNCED) + ", " + quote(DELETED) + ") SELECT "
        + names + ", now(), false FROM " + ArrowBatches.VIEW;
  }

  /**
   * One {@code MERGE} of the batch (its last row per key: {@link LastRowPerKey}) into the target: a
   * new key is inserted, a matched row is updated only when some value differs (so the count says
   * what changed). Not {@code INSERT … ON CONFLICT}: in DuckDB 1.5 and 2.0 that path turns a
   * {@code -0.0} inside a FLOAT[] into {@code 0.0}; MERGE keeps every float bit for bit.
   */
  private static String mergeSql(String target, TableSchema schema) {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner values = new StringJoiner(", ");
    StringJoiner updates = new StringJoiner(", ");
    StringJoiner on = new StringJoiner(" AND ");
    StringJoiner differs = new StringJoiner(" OR ");
    for (ColumnSpec column : schema.columns()) {
      String name = quote(column.name());
      names.add(name);
      values.add("s." + name);
      if (schema.primaryKey().contains(column.name())) {
        on.add("t." + name + " = s." + name);
      } else {
        updates.add(name + " = s." + name);
        differs.add(distinct("t." + name, "s." + name, column.type()));
      }
    }
    updates.add(quote(SYNCED) + " = now()");
    updates.add(quote(DELETED) + " = false");
    differs.add("t." + quote(DELETED));
    return "MERGE INTO " + target + " AS t USING (SELECT " + names + " FROM " + ArrowBatches.VIEW + ") AS s ON ("
        + on + ") WHEN MATCHED AND (" + differs + ") THEN UPDATE SET " + updates
        + " WHEN NOT MATCHED THEN INSERT (" + names + ", " + quote(SYNCED) + ", " + quote(DELETED) + ") VALUES ("
        + values + ", now(), false) RETURNING merge_action";
  }

  /**
   * Whether two values differ, down to the sign of a floating zero for FLOAT and DOUBLE columns:
   * {@code -0.0 = 0.0} in SQL, so a value that changed only its sign would otherwise be left as it
   * was. Not for vectors: a sign-aware comparison of 768-float arrays needed a 160MB memory limit
   * where the merge needs 96MB, so a vector whose only change is the sign of a zero is not seen as
   * changed (a change anywhere else in the row rewrites it whole).
   */
  private static String distinct(String a, String b, LogicalType type) {
    String values = a + " IS DISTINCT FROM " + b;
    return switch (type) {
      case LogicalType.FloatType t -> "(" + values + " OR signbit(" + a + ") IS DISTINCT FROM signbit(" + b + "))";
      case LogicalType.DoubleType t -> "(" + values + " OR signbit(" + a + ") IS DISTINCT FROM signbit(" + b + "))";
      default -> values;
    };
  }

  @Override
  public synchronized Written upsert(TableSchema schema, List<Row> rows) {
    return upsert(schema, rows, null);
  }

  /** Writes the batch; {@code alsoInTransaction} (the state's row, or null) commits with it. */
  private synchronized Written upsert(TableSchema schema, List<Row> rows, DestinationStateStore.SqlWork<Void> alsoInTransaction) {
    Prepared table = preparedFor(schema);
    if (rows.isEmpty() && alsoInTransaction == null) {
      return Written.NONE;
    }
    try {
      Written changed = upsertOnce(table, rows, alsoInTransaction);
      memory.written(connection(), rows.size());
      return changed;
    } catch (SQLException e) {
      throw failure("upserting " + rows.size() + " rows into " + schema.table(), e);
    } catch (IllegalArgumentException e) {
      throw new DestinationException("upserting into " + schema.table() + ": " + e.getMessage(), Transience.PERMANENT, e);
    }
  }

  /** One attempt: the direct insert when it may apply, else the merge. */
  private Written upsertOnce(Prepared table, List<Row> rows, DestinationStateStore.SqlWork<Void> alsoInTransaction)
      throws SQLException {
    DuckDBConnection c = connection();
    threads.use(c, table.threads);
    if (!rows.isEmpty() && table.appendFirst && appendNew(c, table, rows, alsoInTransaction)) {
      return Written.inserted(rows.size());
    }
    // Without a state row the merge is one statement, atomic on its own; with one, both commit together.
    if (alsoInTransaction == null) {
      return merge(c, table, rows);
    }
    return Transactions.run(c, conn -> {
      Written changed = merge(conn, table, rows);
      alsoInTransaction.run(conn);
      return changed;
    });
  }

  /** One merge of the batch into the target; the rows it inserted and updated, counted from its RETURNING. */
  private Written merge(Connection c, Prepared table, List<Row> rows) throws SQLException {
    if (rows.isEmpty()) {
      return Written.NONE;
    }
    List<Row> lastPerKey = LastRowPerKey.of(table.schema, rows);
    long[] counts = batches.with((DuckDBConnection) c, table.layout, lastPerKey, () -> {
      long inserted = 0;
      long updated = 0;
      try (Statement st = c.createStatement(); ResultSet actions = st.executeQuery(table.mergeSql)) {
        while (actions.next()) {
          if ("INSERT".equals(actions.getString(1))) {
            inserted++;
          } else {
            updated++;
          }
        }
      }
      return new long[] {inserted, updated};
    });
    // Every row new: the batch may as well have been inserted; try the direct path again.
    table.appendFirst = counts[0] == lastPerKey.size();
    return new Written(counts[0], counts[1], 0);
  }

  private Prepared preparedFor(TableSchema schema) {
    Prepared table = prepared.get(schema.table().name());
    if (table == null || !table.schema.equals(schema)) {
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

  /**
   * The fast path, for batches of new keys (a first sync): the rows are inserted straight into the
   * target in one transaction, the key constraint checking that none exists. On a duplicate (or
   * any failure) the transaction is rolled back, nothing is written, and the batch goes through
   * the merge, which reports real failures; the table stays on the merge until a merged batch is
   * again all new or changed rows.
   *
   * @return whether the rows were written
   */
  private boolean appendNew(DuckDBConnection c, Prepared table, List<Row> rows,
      DestinationStateStore.SqlWork<Void> alsoInTransaction) throws SQLException {
    try {
      Transactions.run(c, conn -> {
        batches.with(c, table.layout, rows, () -> {
          try (Statement st = conn.createStatement()) {
            return st.executeUpdate(table.insertSql);
          }
        });
        if (alsoInTransaction != null) {
          alsoInTransaction.run(conn);
        }
        return null;
      });
      return true;
    } catch (SQLException | RuntimeException e) {
      table.appendFirst = false;
      return false;
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
        if (catalog != null) {
          st.execute("DROP SCHEMA IF EXISTS " + quote(catalog, STAGING_SCHEMA) + " CASCADE");
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
        prepared.clear();
      }
    }
  }
}
