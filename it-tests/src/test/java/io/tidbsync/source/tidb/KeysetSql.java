package io.tidbsync.source.tidb;

import io.tidbsync.domain.port.ReadRequest;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The exact statement {@link TidbSource} sends for a page, with its bind values inlined, so a test
 * can ask the server for its plan. Lives in the adapter's package to reach {@link KeysetQuery}.
 */
public final class KeysetSql {
  private KeysetSql() {}

  public static String page(String database, ReadRequest request) {
    return DSL.using(SQLDialect.MYSQL, TidbSource.SETTINGS)
        .renderInlined(new KeysetQuery(database).page(DSL.using(SQLDialect.MYSQL, TidbSource.SETTINGS), request));
  }
}
