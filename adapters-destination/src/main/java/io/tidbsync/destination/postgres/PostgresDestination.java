package io.tidbsync.destination.postgres;

import static io.tidbsync.destination.jdbc.KeyQueries.firstLine;
import static io.tidbsync.destination.jdbc.KeyQueries.keyList;
import static io.tidbsync.destination.jdbc.SqlNames.quote;
import static java.util.Objects.requireNonNull;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tidbsync.destination.jdbc.DestinationStateStore;
import io.tidbsync.destination.jdbc.KeyQueries;
import io.tidbsync.destination.jdbc.TableMarks;
import io.tidbsync.destination.jdbc.Transactions;
import io.tidbsync.destination.jdbc.TypeWidening;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.destination.retry.TransientErrors;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.DestinationUnavailableException;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.PreparedTable;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.StateCodec;
import io.tidbsync.domain.port.TransactionalStatePort;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL database as the destination. Each batch is one transaction, written by its table's
 * {@link PostgresTableWriter}: COPY straight into the table while every row is new, else COPY into
 * a staging table and one merge, so a batch is all there or not at all, the last row per key wins,
 * and a replayed batch changes nothing. Tables are created from the schema with exact types and
 * evolve with it: new columns are added, a column whose type the source widened is widened, and a
 * change that would lose data fails the table with the column named. Connections come from a
 * pool, so tables synced at once write at once.
 */
public final class PostgresDestination implements DestinationPort {
  static final String SYNCED = KeyQueries.SYNCED;
  static final String DELETED = KeyQueries.DELETED;
  private static final Logger LOG = LoggerFactory.getLogger(PostgresDestination.class);

  private final PostgresConfig config;
  private final Map<String, PostgresTableWriter> prepared = new ConcurrentHashMap<>();
  private HikariDataSource pool;
  private boolean pgvector;

  public PostgresDestination(PostgresConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  private synchronized HikariDataSource pool() throws SQLException {
    if (pool == null) {
      HikariConfig hikari = new HikariConfig();
      hikari.setPoolName("tidb-sync-postgres");
      hikari.setJdbcUrl(config.url());
      hikari.setUsername(config.user());
      hikari.setPassword(config.password().value());
      hikari.setMaximumPoolSize(config.poolSize());
      hikari.setMinimumIdle(0);
      hikari.setAutoCommit(true);
      hikari.setInitializationFailTimeout(-1);
      hikari.setConnectionTimeout(10_000);
      // Server error details can quote row values; errors name tables and columns, never values.
      hikari.addDataSourceProperty("logServerErrorDetail", "false");
      hikari.addDataSourceProperty("ApplicationName", "tidb-sync");
      hikari.setConnectionInitSql("SET TIME ZONE 'UTC'");
      HikariDataSource opened = new HikariDataSource(hikari);
      Connection first;
      try {
        first = opened.getConnection();
      } catch (SQLException e) {
        opened.close();
        throw unavailable(e);
      }
      try (Connection c = first; Statement st = c.createStatement()) {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + quote(config.schema()));
        try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'vector'")) {
          pgvector = rs.next();
        }
      } catch (SQLException | RuntimeException e) {
        opened.close();
        throw e;
      }
      LOG.info("PostgreSQL destination: schema {}, vectors as {}", config.schema(),
          pgvector ? "vector(n) (pgvector)" : "real[] (pgvector is not installed in this database)");
      pool = opened;
    }
    return pool;
  }

  @Override
  public synchronized PreparedTable prepare(TableSchema schema) {
    if (schema.primaryKey().isEmpty()) {
      throw new DestinationException("table " + schema.table()
          + " has no primary key; the PostgreSQL destination upserts by key", Transience.PERMANENT);
    }
    checkNameLengths(schema);
    String target = quote(config.schema(), schema.table().name());
    List<String> columnTypes = new ArrayList<>();
    PreparedTable result;
    try (Connection c = pool().getConnection()) {
      c.setAutoCommit(false);
      Map<String, String> existing = existingColumns(c, schema.table().name());
      List<String> changes;
      if (existing.isEmpty()) {
        String identity = TableMarks.newIdentity();
        changes = List.of(createTable(target, schema),
            "COMMENT ON TABLE " + target + " IS " + TableMarks.commentLiteral(identity));
        result = PreparedTable.created(identity);
      } else {
        List<String> added = new ArrayList<>();
        List<String> widened = new ArrayList<>();
        changes = new ArrayList<>(evolve(target, schema, existing, added, widened));
        Optional<String> marked = TableMarks.identityIn(comment(c, target));
        String identity = marked.orElseGet(TableMarks::newIdentity);
        if (marked.isEmpty()) {
          // A table made before identities were kept (evolve checked it has the Fivetran columns).
          changes.add("COMMENT ON TABLE " + target + " IS " + TableMarks.commentLiteral(identity));
        }
        result = new PreparedTable(Optional.of(identity), false, added, widened);
      }
      for (ColumnSpec column : schema.columns()) {
        // A column kept wider than the source's type keeps its type in staging, too.
        columnTypes.add(existing.getOrDefault(column.name(), PostgresTypes.ddl(column.type(), pgvector)));
      }
      try (Statement st = c.createStatement()) {
        for (String change : changes) {
          st.execute(change);
        }
      }
      c.commit();
      if (!existing.isEmpty() && !changes.isEmpty()) {
        LOG.info("PostgreSQL table {} changed to match the source: {}", target, changes);
        columnTypes.clear();
        Map<String, String> now = existingColumns(c, schema.table().name());
        schema.columns().forEach(column -> columnTypes.add(now.get(column.name())));
      }
    } catch (SQLException e) {
      throw failure("preparing table " + schema.table(), e);
    }
    prepared.put(schema.table().name(), new PostgresTableWriter(target, schema, columnTypes, result.created()));
    return result;
  }

  /** The comment on a table (its quoted, qualified name), or null. */
  private static String comment(Connection c, String target) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT obj_description(to_regclass(?), 'pg_class')")) {
      ps.setString(1, target);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** PostgreSQL keeps 63 bytes of a name and silently cuts the rest; MySQL allows 64 characters. */
  static final int MAX_NAME_BYTES = 63;

  private static void checkNameLengths(TableSchema schema) {
    List<String> tooLong = new ArrayList<>();
    if (schema.table().name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
      tooLong.add("the table name");
    }
    for (ColumnSpec column : schema.columns()) {
      if (column.name().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME_BYTES) {
        tooLong.add("column " + column.name());
      }
    }
    if (!tooLong.isEmpty()) {
      throw new DestinationException("table " + schema.table() + ": " + String.join(", ", tooLong)
          + " is longer than PostgreSQL's " + MAX_NAME_BYTES + " bytes, and PostgreSQL would cut it; "
          + "rename it at the source or sync it to another destination", Transience.PERMANENT);
    }
  }

  /** Column name to type, as {@code format_type} spells it, in column order; empty when no table. */
  private Map<String, String> existingColumns(Connection c, String table) throws SQLException {
    Map<String, String> columns = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT a.attname, format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
            + "JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace "
            + "WHERE n.nspname = ? AND t.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
      ps.setString(1, config.schema());
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    return columns;
  }

  private String createTable(String target, TableSchema schema) {
    StringJoiner columns = new StringJoiner(", ");
    for (ColumnSpec column : schema.columns()) {
      boolean key = schema.primaryKey().contains(column.name());
      columns.add(quote(column.name()) + " " + PostgresTypes.ddl(column.type(), pgvector) + (key ? " NOT NULL" : ""));
    }
    columns.add(quote(SYNCED) + " timestamp with time zone");
    columns.add(quote(DELETED) + " boolean NOT NULL DEFAULT false");
    return "CREATE TABLE IF NOT EXISTS " + target + " (" + columns + ", PRIMARY KEY (" + keyList(schema) + "))";
  }

  /**
   * The statements that make an existing table fit the schema: new columns added (nullable: rows
   * already there have no value for them), widened types applied. A column the source narrowed
   * keeps its wider type (every new value still fits); any other change is refused, naming it.
   */
  private List<String> evolve(String target, TableSchema schema, Map<String, String> existing, List<String> added,
      List<String> widened) {
    List<String> changes = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    for (ColumnSpec column : schema.columns()) {
      String wanted = PostgresTypes.ddl(column.type(), pgvector);
      String have = existing.get(column.name());
      if (have == null) {
        changes.add("ALTER TABLE " + target + " ADD COLUMN " + quote(column.name()) + " " + wanted);
        added.add(column.name());
      } else {
        TypeWidening.Fit fit = TypeWidening.fit(have, wanted, PostgresTypes.logical(have), column.type());
        if (fit == TypeWidening.Fit.KEEP) {
          continue;
        }
        if (fit == TypeWidening.Fit.WIDEN) {
          changes.add("ALTER TABLE " + target + " ALTER COLUMN " + quote(column.name()) + " TYPE " + wanted);
          widened.add(column.name());
          continue;
        }
        refused.add("column " + column.name() + " is " + have + " in PostgreSQL but the source now has "
            + column.sourceType() + " (" + wanted + ")");
      }
    }
    for (String fivetran : List.of(SYNCED, DELETED)) {
      if (!existing.containsKey(fivetran)) {
        refused.add("it lacks the column " + fivetran + ", so it was not made by tidb-sync");
      }
    }
    if (!refused.isEmpty()) {
      throw new DestinationException("PostgreSQL table " + target + " does not fit the source's columns: "
          + String.join("; ", refused) + " (tidb-sync widens columns but never converts or narrows one). Convert or rename the table by hand, then sync again", Transience.PERMANENT);
    }
    return changes;
  }

  private PostgresTableWriter preparedFor(TableSchema schema) {
    PostgresTableWriter table = prepared.get(schema.table().name());
    if (table == null || !table.schema().equals(schema)) {
      throw new DestinationException("table " + schema.table() + " was not prepared with this schema",
          Transience.PERMANENT);
    }
    return table;
  }

  @Override
  public Written upsert(TableSchema schema, List<Row> rows) {
    return upsert(schema, rows, null);
  }

  /** The batch's transaction; {@code alsoInTransaction} (the state's row, or null) commits with it. */
  private Written upsert(TableSchema schema, List<Row> rows, DestinationStateStore.SqlWork<Void> alsoInTransaction) {
    PostgresTableWriter table = preparedFor(schema);
    if (rows.isEmpty() && alsoInTransaction == null) {
      return Written.NONE;
    }
    try (Connection c = pool().getConnection()) {
      return Transactions.run(c, conn -> {
        Written changed = rows.isEmpty() ? Written.NONE : table.write(conn, rows);
        if (alsoInTransaction != null) {
          alsoInTransaction.run(conn);
        }
        return changed;
      });
    } catch (SQLException e) {
      throw failure("upserting " + rows.size() + " rows into " + schema.table(), e);
    } catch (ClassCastException | IllegalArgumentException e) {
      throw new DestinationException("upserting into " + schema.table()
          + ": a value does not fit its column: " + e.getMessage(), Transience.PERMANENT, e);
    }
  }

  /**
   * The state in this database ({@code _tidbsync_state} in the destination's schema), committed
   * with each batch. Its lock is a session advisory lock on a connection of its own, which ends
   * with the process.
   */
  @Override
  public Optional<TransactionalStatePort> stateStore(String name, StateCodec codec) {
    return Optional.of(new DestinationStateStore(new StateHost(), () -> quote(config.schema(), DestinationStateStore.TABLE),
        name, codec));
  }

  private final class StateHost implements DestinationStateStore.Host {
    private Connection lockSession;

    @Override
    public String describe() {
      return "PostgreSQL schema " + config.schema() + " at " + Secret.maskInUrl(config.url());
    }

    @Override
    public <T> T inTransaction(DestinationStateStore.SqlWork<T> work) {
      try (Connection c = pool().getConnection()) {
        return Transactions.run(c, work);
      } catch (SQLException e) {
        throw new StateException("cannot use the state in " + describe() + ": " + firstLine(e),
            TransientErrors.isTransient(e) ? Transience.TRANSIENT : Transience.PERMANENT, e);
      }
    }

    @Override
    public Written upsert(TableSchema schema, List<Row> rows, DestinationStateStore.SqlWork<Void> alsoInTransaction) {
      return PostgresDestination.this.upsert(schema, rows, alsoInTransaction);
    }

    @Override
    public synchronized void lock(String name) {
      try {
        // The pool's first connection tells an unreachable server or a refused login apart, once.
        pool();
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", config.user());
        props.setProperty("password", config.password().value());
        props.setProperty("connectTimeout", "10");
        props.setProperty("ApplicationName", "tidb-sync");
        Connection session = java.sql.DriverManager.getConnection(config.url(), props);
        boolean taken;
        try (PreparedStatement ps = session.prepareStatement("SELECT pg_try_advisory_lock(hashtext(?))")) {
          ps.setString(1, "tidbsync:" + name);
          try (ResultSet rs = ps.executeQuery()) {
            taken = rs.next() && rs.getBoolean(1);
          }
        }
        if (!taken) {
          session.close();
          throw new StateException("another sync holds the lock on state \"" + name + "\" in " + describe()
              + " (a second run against the same state stops here; the lock ends when that run ends or its process dies)",
              Transience.PERMANENT);
        }
        lockSession = session;
        try (Connection c = pool().getConnection(); Statement st = c.createStatement()) {
          st.execute(DestinationStateStore.createTable(quote(config.schema(), DestinationStateStore.TABLE)));
        }
      } catch (SQLException e) {
        throw new StateException("cannot lock the state in " + describe() + ": "
            + Secret.scrub(firstLine(e), config.url(), config.password()), Transience.PERMANENT, e);
      }
    }

    @Override
    public synchronized void unlock(String name) {
      if (lockSession != null) {
        try {
          lockSession.close();
        } catch (SQLException ignored) {
          // the session's end releases its advisory lock either way
        }
        lockSession = null;
      }
    }
  }

  @Override
  public List<List<Object>> liveKeys(TableSchema schema, Optional<List<Object>> after, int limit) {
    preparedFor(schema);
    try (Connection c = pool().getConnection()) {
      return KeyQueries.liveKeys(c, quote(config.schema(), schema.table().name()), schema, after, limit);
    } catch (SQLException e) {
      throw failure("listing keys of " + schema.table(), e);
    }
  }

  @Override
  public long markDeleted(TableSchema schema, List<List<Object>> keys) {
    preparedFor(schema);
    if (keys.isEmpty()) {
      return 0;
    }
    try (Connection c = pool().getConnection()) {
      return KeyQueries.markDeleted(c, quote(config.schema(), schema.table().name()), schema, keys);
    } catch (SQLException e) {
      throw failure("marking " + keys.size() + " deleted rows of " + schema.table(), e);
    }
  }

  private DestinationException failure(String what, SQLException e) {
    Transience transience = TransientErrors.isTransient(e) ? Transience.TRANSIENT : Transience.PERMANENT;
    return new DestinationException("PostgreSQL: " + what + " failed: "
        + Secret.scrub(firstLine(e), config.url(), config.password()), transience, e);
  }

  /**
   * The first connection could not be made: the server is down or unreachable, or refused the
   * login. Nothing can be written, so the run stops here once, with the driver's reason.
   */
  private DestinationUnavailableException unavailable(SQLException e) {
    SQLException root = e;
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException sql) {
        root = sql;
      }
    }
    String state = root.getSQLState() == null ? "" : root.getSQLState();
    String reason = Secret.scrub(firstLine(root), config.url(), config.password());
    String hint = state.startsWith("28") ? " (check POSTGRES_USER and POSTGRES_PASSWORD)"
        : state.equals("3D000") ? " (check the database in POSTGRES_URL)"
        : " (check POSTGRES_URL and that the server is running)";
    return new DestinationUnavailableException("PostgreSQL at "
        + Secret.maskInUrl(config.url()) + " as " + config.user() + ": " + reason + hint, e);
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.close();
      pool = null;
    }
    prepared.clear();
  }
}
