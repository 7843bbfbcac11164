package io.tidbsync.app.config;

/**
 * Every configuration key tidb-sync reads, with its default and meaning. The table in
 * docs/configuration.md is checked against this list by a test.
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
  CURSOR_COLUMNS(null, "Per-table cursor columns: `{\"orders\": \"updated_at\", \"events\": \"id\"}`."),
  FULL_REFRESH_TABLES(null, "Tables without a usable cursor, read whole every run: `[\"a\", \"b\"]` or `\"a,b\"` (`*`: all)."),
  DELETE_DETECTION("none", "`none`, `all`, or the tables (`[\"a\"]` or `\"a,b\"`) whose deletes are found by a key comparison."),
  NULL_CURSOR_ROWS("include", "`include`: rows whose cursor is NULL are copied too, by a pass over them each run; `report`: only counted, and left out of the destination."),
  LOOKBACK_SECONDS("3600", "Look-back window re-read before each table's position, catching rows committed late."),
  CLOCK_SKEW_SECONDS("5", "Margin for clock skew: stored cursors are capped at now plus this."),
  BATCH_SIZE("10000", "Rows per read page and at most per destination write."),
  BATCH_MEGABYTES("8", "Estimated megabytes at most per destination write; with BATCH_SIZE it bounds memory."),
  PARALLELISM("auto", "Tables synced at the same time; `auto`: half the cores, 1 to 8."),
  SPLIT_ROWS("500000", "A never-synced table with at least twice this many rows (and a single-column integer key) is read as key ranges of about this size, PARALLELISM at a time, each range checkpointed; `0`: never."),
  DATETIME_MODE("utc", "`utc`: naive DATETIME values are taken as UTC (the seed's behaviour); `naive`: kept naive."),
  ROW_ERROR_POLICY("quarantine", "`quarantine`: a row that cannot be converted is kept in state and re-read each run; `skip`: counted and dropped; `fail`: its table fails."),
  TINYINT1_AS_BOOLEAN("false", "`true`: TINYINT(1) columns become booleans, and a row holding any value but 0 or 1 there is a row error (ROW_ERROR_POLICY); `false`: they stay integers, as the source holds them."),
  TLS_MODE("preferred", "TLS to the source: `disabled`, `preferred` (when the server offers it), `required` (unverified), `verify_ca` (the certificate must chain to a trusted CA), `verify_identity` (and name the host; use it for TiDB Cloud)."),
  TLS_CA_CERTIFICATE(null, "CA certificates (PEM text, or base64 of it) the server's certificate must chain to; default the JVM's trusted CAs."),
  TLS_CA_FILE(null, "A PEM file of CA certificates, instead of TLS_CA_CERTIFICATE."),
  CONNECT_TIMEOUT_SECONDS("10", "Source connect timeout."),
  SOCKET_TIMEOUT_SECONDS("600", "Source read timeout (per network read)."),
  DESTINATION("duckdb", "Destination: `duckdb` (embedded file), `postgres`, or `jsonlines` (append-only files); the `--destination` flag overrides it."),
  DUCKDB_FILE("warehouse.duckdb", "DuckDB database file."),
  DUCKDB_MEMORY_LIMIT(null, "DuckDB's memory limit, fixed; by default it starts at 64MB and doubles whenever the key indexes pass 40% of it (up to 80% of memory)."),
  DUCKDB_CHECKPOINT_THRESHOLD(null, "Write-ahead log size at which DuckDB checkpoints; by default 64MB, raised to about two thirds of a row group for wide tables (vectors), up to 1GB."),
  DUCKDB_THREADS("auto", "Threads DuckDB writes with; `auto`: the cores left beside the PARALLELISM readers while writing, every core for the last checkpoint."),
  DUCKDB_SCHEMA(null, "DuckDB schema for the tables; default the source database name (`tester` matches Fivetran's local tester)."),
  POSTGRES_URL(null, "With DESTINATION=postgres: the database, `jdbc:postgresql://host:5432/db` (pgjdbc parameters such as `sslmode=require` allowed)."),
  POSTGRES_USER(null, "With DESTINATION=postgres: the user."),
  POSTGRES_PASSWORD(null, "With DESTINATION=postgres: the password; the environment variable POSTGRES_PASSWORD overrides it."),
  POSTGRES_SCHEMA(null, "PostgreSQL schema for the tables (created when missing); default the source database name."),
  JSONLINES_FOLDER("jsonlines", "With DESTINATION=jsonlines: the folder that gets one folder per table."),
  JSONLINES_ROTATE_MEGABYTES("256", "With DESTINATION=jsonlines: a table's file is closed and the next begun at this size."),
  STATE("file", "Where the state lives: `file` (STATE_FILE), `destination` (a table in the DuckDB or PostgreSQL destination, committed with each batch: exactly-once), or `jdbc` (a table in the database of STATE_JDBC_URL); the `--state` flag overrides it."),
  STATE_NAME(null, "Name of this sync's state row when the state is in a table (several syncs can share one); default the source database name."),
  STATE_JDBC_URL(null, "With STATE=jdbc: `jdbc:postgresql://…`, `jdbc:mysql://…` (MySQL, MariaDB, TiDB) or `jdbc:duckdb:FILE` (not the destination's own file: use STATE=destination)."),
  STATE_JDBC_USER("", "With STATE=jdbc: the user."),
  STATE_JDBC_PASSWORD("", "With STATE=jdbc: the password; the environment variable STATE_JDBC_PASSWORD overrides it."),
  STATE_FILE("state.json", "JSON state file (with STATE=file).");

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
