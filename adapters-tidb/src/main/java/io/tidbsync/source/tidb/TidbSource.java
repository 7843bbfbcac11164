package io.tidbsync.source.tidb;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.failure.SourceException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.SourceSnapshot;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.TableDiscovery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/**
 * {@link SourcePort} for TiDB and other MySQL-protocol servers: discovery from
 * {@code information_schema}, keyset pages built by jOOQ and streamed row by row
 * ({@code fetchSize = Integer.MIN_VALUE}) over mysql-connector-j.
 */
public final class TidbSource implements SourcePort {
  static final Settings SETTINGS = new Settings()
      .withRenderQuotedNames(RenderQuotedNames.ALWAYS)
      .withExecuteLogging(false)
      .withRenderSchema(true);

  private final TidbSourceConfig config;
  private final TidbConnections connections;
  private final TidbSchemaReader schemaReader;
  private final KeysetQuery keysetQuery;
  private final TidbSplits splits;

  public TidbSource(TidbSourceConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.connections = new TidbConnections(config);
    this.schemaReader = new TidbSchemaReader(config.database(), new TidbTypeMapping(config.tinyint1AsBoolean()));
    this.keysetQuery = new KeysetQuery(config.database());
    this.splits = new TidbSplits(keysetQuery, config.database());
  }

  private static DSLContext dsl(Connection connection) {
    return DSL.using(connection, SQLDialect.MYSQL, SETTINGS);
  }

  @Override
  public List<TableId> listTables() {
    try {
      return connections.use(connection -> {
        checkDatabase(connection);
        return schemaReader.listTables(dsl(connection));
      });
    } catch (SQLException | DataAccessException e) {
      throw failure("listing tables", e);
    }
  }

  @Override
  public List<TableDiscovery> describe(List<TableRequest> requests) {
    boolean onTidb = isTidb();
    try {
      return connections.use(connection -> {
        checkDatabase(connection);
        DSLContext sql = dsl(connection);
        List<TableDiscovery> out = new ArrayList<>(requests.size());
        for (TableRequest request : requests) {
          out.add(schemaReader.describe(sql, request, onTidb));
        }
        return out;
      });
    } catch (SQLException | DataAccessException e) {
      throw failure("describing tables", e);
    }
  }

  /** Fails fast, naming the key, when the configured database does not exist. */
  private void checkDatabase(Connection connection) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(
        "select 1 from information_schema.SCHEMATA where SCHEMA_NAME = ?")) {
      ps.setString(1, config.database());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new io.tidbsync.domain.failure.SourceConfigurationException("database " + config.database()
              + " does not exist on " + config.host() + ":" + config.port() + " or is not visible to " + config.user()
              + " (check TIDB_DATABASE)");
        }
      }
    }
  }

  /** Whether the server is TiDB (its version says so), asked once. */
  private volatile Boolean tidb;

  private boolean isTidb() {
    if (tidb == null) {
      try {
        tidb = connections.use(connection -> {
          try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            return rs.getString(1).contains("TiDB");
          }
        });
      } catch (SQLException e) {
        throw failure("asking the server's version", e);
      }
    }
    return tidb;
  }

  /**
   * The server's version and, on TiDB, how long it keeps old row versions ({@code
   * tidb_gc_life_time}) and how long an open transaction may hold them ({@code
   * tidb_gc_max_wait_time}).
   */
  @Override
  public io.tidbsync.domain.model.SourceFacts facts() {
    boolean onTidb = isTidb();
    try {
      return connections.use(connection -> {
        try (Statement st = connection.createStatement()) {
          String version;
          try (ResultSet rs = st.executeQuery("SELECT VERSION()")) {
            rs.next();
            version = rs.getString(1);
          }
          if (!onTidb) {
            return new io.tidbsync.domain.model.SourceFacts(version, false, java.util.Optional.empty(),
                java.util.Optional.empty());
          }
          try (ResultSet rs = st.executeQuery("SELECT @@tidb_gc_life_time, @@tidb_gc_max_wait_time")) {
            rs.next();
            return new io.tidbsync.domain.model.SourceFacts(version, true, GoDuration.parse(rs.getString(1)),
                java.util.Optional.of(java.time.Duration.ofSeconds(rs.getLong(2))));
          }
        }
      });
    } catch (SQLException e) {
      throw failure("asking the server's settings", e);
    }
  }

  /**
   * On TiDB, every later read at one snapshot taken now and held until {@link #close()}
   * ({@link TidbSnapshots}); MySQL and MariaDB have no shared snapshot, so nothing is pinned there.
   */
  @Override
  public java.util.Optional<SourceSnapshot> pinSnapshot() {
    if (!isTidb()) {
      return java.util.Optional.empty();
    }
    try {
      return java.util.Optional.of(connections.snapshots().pin());
    } catch (SQLException e) {
      throw failure("taking a snapshot of " + config.database(), e);
    }
  }

  @Override
  public java.util.Optional<SourceSnapshot> renewSnapshot(SourceSnapshot stale) {
    try {
      return java.util.Optional.ofNullable(connections.snapshots().renew(stale));
    } catch (SQLException e) {
      throw failure("taking a fresh snapshot of " + config.database(), e);
    }
  }

  @Override
  public RowStream read(ReadRequest request) {
    TableSchema schema = request.schema();
    return stream(schema, "reading table " + schema.table(), readers(schema.columns()),
        sql -> keysetQuery.page(sql, request));
  }

  @Override
  public RowStream readKeys(TableSchema schema, List<List<Object>> keys, boolean keyColumnsOnly) {
    if (keys.isEmpty()) {
      return EMPTY;
    }
    List<ColumnSpec> columns = keyColumnsOnly
        ? schema.primaryKey().stream().map(schema::column).toList()
        : schema.columns();
    return stream(schema, "reading rows of " + schema.table() + " by key", readers(columns),
        sql -> keysetQuery.byKeys(sql, schema, keys, keyColumnsOnly));
  }

  /**
   * Reads the oldest open transaction's start and the server's clock in one query:
   * {@code CLUSTER_TIDB_TRX} on TiDB (every TiDB server of the cluster), {@code INNODB_TRX} on
   * MySQL and MariaDB. Both need the PROCESS privilege (TiDB: also the table being readable);
   * without it the answer is empty and the look-back window alone protects late commits.
   */
  @Override
  public java.util.Optional<java.time.Instant> commitWatermark() {
    boolean onTidb = isTidb();
    // Fixed SQL over system tables, no value from configuration: nothing to bind.
    String sql = onTidb
        ? "SELECT MIN(START_TIME), NOW(6) FROM INFORMATION_SCHEMA.CLUSTER_TIDB_TRX"
        : "SELECT MIN(trx_started), NOW(6) FROM information_schema.INNODB_TRX";
    try {
      return connections.use(connection -> {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
          rs.next();
          java.time.LocalDateTime now = rs.getObject(2, java.time.LocalDateTime.class);
          java.time.LocalDateTime oldest = rs.getObject(1, java.time.LocalDateTime.class);
          java.time.LocalDateTime watermark = oldest != null && oldest.isBefore(now) ? oldest : now;
          return java.util.Optional.of(watermark.toInstant(java.time.ZoneOffset.UTC));
        }
      });
    } catch (SQLException e) {
      if (TidbErrors.isConnectionLoss(e)) {
        throw connections.unreachable(e);
      }
      // 1227: access denied (no PROCESS privilege); 1146: the table does not exist here
      return java.util.Optional.empty();
    }
  }

  /** Cut points from TiDB's regions, or even cuts of an integer key ({@link TidbSplits}). */
  @Override
  public List<List<Object>> splitPoints(TableSchema schema, long rowsPerRange, int maxRanges) {
    boolean onTidb = isTidb();
    try {
      return connections.use(connection -> splits.points(connection, dsl(connection), schema, rowsPerRange, maxRanges,
          onTidb));
    } catch (SQLException | DataAccessException e) {
      throw failure("planning key ranges of " + schema.table(), e);
    }
  }

  /**
   * Nothing to check for the primary key, a unique index of NOT NULL columns or {@code _tidb_rowid};
   * otherwise two queries over the table's key: a value two rows share, a NULL.
   */
  @Override
  public java.util.Optional<String> keyProblem(TableSchema schema) {
    List<String> key = schema.primaryKey();
    if (key.isEmpty() || key.equals(List.of(TidbSchemaReader.TIDB_ROWID.name()))) {
      return java.util.Optional.empty();
    }
    boolean nullable = key.stream().anyMatch(k -> schema.column(k).nullable());
    try {
      return connections.use(connection -> {
        DSLContext sql = dsl(connection);
        boolean unique = schemaReader.uniqueIndexes(sql, schema.table().name()).values().stream()
            .anyMatch(index -> new java.util.HashSet<>(index).equals(new java.util.HashSet<>(key)));
        String named = "the key (" + String.join(", ", key) + ") of table " + schema.table();
        if (!unique) {
          try (PreparedStatement ps = prepare(connection, keysetQuery.sharedKey(sql, schema));
              ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              return java.util.Optional.of(named + " is not unique: " + rs.getLong(key.size() + 1)
                  + " rows share " + keyText(rs, key) + "; name columns that tell the rows apart in "
                  + "TABLES_PRIMARY_KEY_COLUMNS, or leave the table's key out there so tidb-sync finds one");
            }
          }
        }
        if (nullable) {
          try (PreparedStatement ps = prepare(connection, keysetQuery.nullKey(sql, schema));
              ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              return java.util.Optional.of(named + " holds a NULL in a row (" + keyText(rs, key)
                  + "); a key column must never be NULL: name other columns in TABLES_PRIMARY_KEY_COLUMNS");
            }
          }
        }
        return java.util.Optional.empty();
      });
    } catch (SQLException | DataAccessException e) {
      throw failure("checking the key of " + schema.table(), e);
    }
  }

  private static String keyText(ResultSet rs, List<String> key) throws SQLException {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      String value = rs.getString(i + 1);
      parts.add(key.get(i) + " = " + (value == null ? "NULL" : io.tidbsync.domain.model.TableId.printable(
          value.length() > 40 ? value.substring(0, 40) + "…" : value)));
    }
    return String.join(", ", parts);
  }

  @Override
  public java.util.OptionalLong estimatedRows(TableSchema schema) {
    try {
      return java.util.OptionalLong.of(connections.use(connection -> splits.estimatedRows(connection,
          dsl(connection), schema)));
    } catch (SQLException | DataAccessException e) {
      throw failure("estimating the rows of " + schema.table(), e);
    }
  }

  @Override
  public java.util.OptionalInt regionCount(TableSchema schema) {
    if (!isTidb()) {
      return java.util.OptionalInt.empty();
    }
    try {
      return java.util.OptionalInt.of(connections.use(connection -> splits.regionCount(connection, schema)));
    } catch (SQLException | DataAccessException e) {
      throw failure("counting the regions of " + schema.table(), e);
    }
  }

  @Override
  public java.util.Optional<Object> maxCursor(TableSchema schema, Object upTo) {
    ColumnReader reader = ColumnReader.forType(schema.cursorColumn().type());
    try {
      return connections.use(connection -> {
        Query query = keysetQuery.maxCursor(dsl(connection), schema, upTo);
        try (PreparedStatement ps = prepare(connection, query); ResultSet rs = ps.executeQuery()) {
          rs.next();
          return java.util.Optional.ofNullable(reader.read(rs, 1));
        }
      });
    } catch (SQLException | DataAccessException e) {
      throw failure("reading the greatest cursor value of " + schema.table(), e);
    }
  }

  @Override
  public long countNullCursor(TableSchema schema) {
    try {
      return connections.use(connection -> {
        Query query = keysetQuery.countNullCursor(dsl(connection), schema);
        try (PreparedStatement ps = prepare(connection, query); ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      });
    } catch (SQLException | DataAccessException e) {
      throw failure("counting NULL cursors of " + schema.table(), e);
    }
  }

  private static ColumnReader[] readers(List<ColumnSpec> columns) {
    ColumnReader[] readers = new ColumnReader[columns.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = ColumnReader.forColumn(columns.get(i));
    }
    return readers;
  }

  private RowStream stream(TableSchema schema, String what, ColumnReader[] readers,
      java.util.function.Function<DSLContext, Query> build) {
    Connection connection = connections.open();
    PreparedStatement statement = null;
    try {
      statement = prepare(connection, build.apply(dsl(connection)));
      // mysql-connector-j streams row by row only with this exact fetch size.
      statement.setFetchSize(Integer.MIN_VALUE);
      ResultSet rs = statement.executeQuery();
      return new TidbRowStream(connections, connection, statement, rs, readers, schema.table().name());
    } catch (SQLException | DataAccessException e) {
      closeQuietly(statement);
      closeQuietly(connection);
      throw failure(what, e);
    }
  }

  static PreparedStatement prepare(Connection connection, Query query) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(
        query.getSQL(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
    int index = 1;
    for (Object value : query.getBindValues()) {
      statement.setObject(index++, value);
    }
    return statement;
  }

  private static final RowStream EMPTY = new RowStream() {
    @Override
    public io.tidbsync.domain.model.Row next() {
      return null;
    }

    @Override
    public void close() {}
  };

  private SourceException failure(String what, Exception e) {
    SQLException sql = e instanceof SQLException s ? s : findSql(e);
    if (sql == null) {
      return new SourceException(what + " failed: " + e.getMessage(), Transience.PERMANENT, null);
    }
    if (TidbErrors.isConnectionLoss(sql)) {
      return connections.unreachable(sql);
    }
    return new SourceException(what + " failed: " + SqlErrors.safeMessage(sql) + TidbErrors.advice(sql),
        TidbErrors.forRead(sql), null);
  }

  private static SQLException findSql(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
    }
    return null;
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception ignored) {
      // already failing; the original error is the one to report
    }
  }

  /** Closes the idle connections kept for reuse between pages. */
  @Override
  public void close() {
    connections.close();
  }
}
