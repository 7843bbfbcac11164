package io.tidbsync.app.config;

/**
 * Every configuration key tidb-sync reads, with its default and meaning. The README's reference
 * table is checked against this list by a test.
 */
public enum ConfigKey {
  TIDB_HOST(null, "Source host name or IP."),
  TIDB_PORT("4000", "Source port (TiDB 4000, MySQL/MariaDB 3306)."),
  TIDB_USER(null, "Source user (TiDB Cloud: `prefix.root`)."),
  TIDB_PASS(null, "Source password; the environment variable TIDB_PASS overrides it."),
  TIDB_DATABASE(null, "Source database (schema) to read."),
  TABLES_PRIMARY_KEY_COLUMNS(null,
      "Tables to sync and their key: `{\"table\": \"id\"}`, `\"a,b\"` or `[\"a\",\"b\"]` for composite keys, `\"\"` for the table's own key; as an object or as JSON in a string. Absent: every base table."),
  VECTOR_TABLES_DATA(null,
      "Tables with a vector column: `{\"table\": {\"primary_key_column\": \"id\", \"vector_column\": \"embedding\", \"dimension\": 768}}` (`dimension` optional); object or JSON in a string."),
  CURSOR_COLUMN("created_at", "Column that orders incremental reads, for every table."),
  BATCH_SIZE("10000", "Rows per read page and per destination write."),
  DATETIME_MODE("utc", "`utc`: naive DATETIME values are taken as UTC (the seed's behaviour); `naive`: kept naive."),
  ROW_ERROR_POLICY("skip", "`skip`: count a row that cannot be converted and keep a sample in state; `fail`: fail its table."),
  TINYINT1_AS_BOOLEAN("true", "Treat TINYINT(1) columns as booleans."),
  CONNECT_TIMEOUT_SECONDS("10", "Source connect timeout."),
  SOCKET_TIMEOUT_SECONDS("600", "Source read timeout (per network read)."),
  DESTINATION("duckdb", "Destination adapter; `duckdb` for now."),
  DUCKDB_FILE("warehouse.duckdb", "DuckDB database file."),
  DUCKDB_SCHEMA(null, "DuckDB schema for the tables; default the source database name (`tester` matches Fivetran's local tester)."),
  STATE_FILE("state.json", "JSON state file.");

  private final String defaultValue;
  private final String description;

  ConfigKey(String defaultValue, String description) {
    this.defaultValue = defaultValue;
    this.description = description;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }
}
