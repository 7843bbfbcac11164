package io.tidbsync.source.tidb;

import io.tidbsync.domain.model.TableSchema;
import java.util.StringJoiner;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The one place that writes SQL text jOOQ cannot render, for statements only TiDB has: the
 * identifiers in it are rendered and quoted by jOOQ, the rest is fixed text or a number this class
 * was handed as a {@code long}. No value from configuration or data is ever spliced in.
 */
final class TidbSql {
  private static final DSLContext RENDER = DSL.using(SQLDialect.MYSQL, TidbSource.SETTINGS);

  private TidbSql() {}

  private static String table(String database, TableSchema schema) {
    return RENDER.render(DSL.name(database, schema.table().name()));
  }

  private static String keyList(TableSchema schema) {
    StringJoiner key = new StringJoiner(", ");
    schema.primaryKey().forEach(k -> key.add(RENDER.render(DSL.name(k))));
    return key.toString();
  }

  /** The key of the first row of each storage region of the table, in key order. */
  static String regionStarts(String database, TableSchema schema) {
    return "SELECT " + keyList(schema) + " FROM " + table(database, schema) + " TABLESAMPLE REGIONS() ORDER BY "
        + keyList(schema);
  }

  /** One row per storage region of the table's rows (its indexes' regions are listed apart). */
  static String showRegions(String database, TableSchema schema) {
    return "SHOW TABLE " + table(database, schema) + " REGIONS";
  }

  /** A read-only transaction reading at the snapshot {@code tso} (TiDB's Stale Read). */
  static String startReadAt(long tso) {
    return "START TRANSACTION READ ONLY AS OF TIMESTAMP TIDB_PARSE_TSO(" + tso + ")";
  }
}
