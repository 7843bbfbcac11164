package io.tidbsync.destination.jdbc;

/** Standard SQL identifier quoting ({@code "a""b"}), shared by the JDBC destinations. */
public final class SqlNames {
  private SqlNames() {}

  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  public static String quote(String schema, String table) {
    return quote(schema) + '.' + quote(table);
  }
}
