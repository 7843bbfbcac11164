package io.tidbsync.destination.duckdb;

import static io.tidbsync.destination.jdbc.SqlNames.quote;

import io.tidbsync.destination.jdbc.KeyQueries;
import io.tidbsync.destination.jdbc.TableMarks;
import io.tidbsync.destination.jdbc.Transactions;
import io.tidbsync.destination.jdbc.TypeWidening;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.PreparedTable;
import io.tidbsync.domain.model.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The destination's tables as DuckDB holds them: a new table is created with the schema's types,
 * a real primary key plus {@code _fivetran_synced} and {@code _fivetran_deleted} (as Fivetran's
 * tester lays them out) and an identity in its comment; an existing one is adopted only when
 * tidb-sync made it, and evolved to fit the source (columns added or widened, never converted or
 * narrowed).
 */
final class DuckDbTables {
  private static final String SYNCED = KeyQueries.SYNCED;
  private static final String DELETED = KeyQueries.DELETED;
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DuckDbTables.class);

  private final DuckDbNames names;

  DuckDbTables(DuckDbNames names) {
    this.names = names;
  }

  /** Creates the table, or makes the existing one fit the schema; what was done to it. */
  PreparedTable prepare(Connection c, TableSchema schema) throws SQLException {
    String target = names.table(schema.table().name());
    Map<String, String> existing = existingColumns(c, schema.table().name());
    if (existing.isEmpty()) {
      String identity = TableMarks.newIdentity();
      Transactions.run(c, conn -> {
        try (Statement create = conn.createStatement()) {
          create.execute(createTable(target, schema));
          create.execute("COMMENT ON TABLE " + target + " IS " + TableMarks.commentLiteral(identity));
        }
        return null;
      });
      return PreparedTable.created(identity);
    }
    String identity = ownIdentity(c, target, schema.table().name(), existing);
    return evolve(c, target, schema, existing, identity);
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
      ps.setString(1, names.catalog());
      ps.setString(2, names.schema());
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
      TypeWidening.Fit fit = TypeWidening.fit(have, wanted, DuckDbTypes.logical(have), column.type());
      if (fit == TypeWidening.Fit.KEEP) {
        continue;
      }
      if (fit == TypeWidening.Fit.WIDEN) {
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
    String fresh = names.table(name + "__tidbsync_rebuild");
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
      ps.setString(1, names.catalog());
      ps.setString(2, names.schema());
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
}
