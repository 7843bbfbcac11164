package io.tidbsync.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The PostgreSQL side of the bench (with {@code scripts/bench --postgres 1}): the settings that
 * send a sync into PostgreSQL, the check of that copy against the source, and the limit
 * for that destination, {@code psql \copy} of the same rows into a keyed table of the same shape.
 */
final class PostgresLimit {
  static final String SCHEMA = "bench_pg";

  private final String jdbcUrl;
  private final String host;
  private final int port;
  private final String database;
  private final String user;
  private final String password;

  /** {@code url}: {@code jdbc:postgresql://host:port/db?user=…&password=…}, as scripts/servers gives it. */
  PostgresLimit(String url) {
    this.jdbcUrl = url;
    URI uri = URI.create(url.substring("jdbc:".length()));
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : uri.getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], kv[1]);
    }
    this.host = uri.getHost();
    this.port = uri.getPort();
    this.database = uri.getPath().substring(1);
    this.user = query.get("user");
    this.password = query.get("password");
  }

  static PostgresLimit fromEnvironment() {
    String url = System.getenv("TIDBSYNC_BENCH_POSTGRES_URL");
    return url == null || url.isBlank() ? null : new PostgresLimit(url);
  }

  /** The configuration keys that send a sync into this database's bench schema. */
  String[] syncSettings() {
    return new String[] {"DESTINATION=postgres", "POSTGRES_URL=jdbc:postgresql://" + host + ":" + port + "/" + database,
        "POSTGRES_USER=" + user, "POSTGRES_PASSWORD=" + password, "POSTGRES_SCHEMA=" + SCHEMA};
  }

  /** Drops the bench schema: each full sync starts from an empty database. */
  void reset() throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    }
  }

  Checksum checksum(String table) throws SQLException {
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      return Checksum.ofPostgres(c, SCHEMA + "." + table, table);
    }
  }

  /**
   * The limit: the rows the sync copied, written to CSV by {@code psql \copy} (untimed), then
   * loaded by {@code psql \copy} into a new table made {@code LIKE} the synced one (same types, same
   * primary key); the load's process wall time is measured.
   */
  Baselines.Measured copyLimit(String table, Path folder, long bytes) throws SQLException, IOException, InterruptedException {
    List<String> columns = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
      try (ResultSet rs = st.executeQuery("SELECT column_name FROM information_schema.columns WHERE table_schema = '"
          + SCHEMA + "' AND table_name = '" + table + "' AND column_name NOT LIKE '\\_fivetran\\_%' ORDER BY ordinal_position")) {
        while (rs.next()) {
          columns.add('"' + rs.getString(1) + '"');
        }
      }
      st.execute("DROP TABLE IF EXISTS " + SCHEMA + ".limit_" + table);
      st.execute("CREATE TABLE " + SCHEMA + ".limit_" + table + " (LIKE " + SCHEMA + "." + table + " INCLUDING ALL)");
    }
    StringJoiner names = new StringJoiner(", ");
    columns.forEach(names::add);
    Path csv = folder.resolve("limit-" + table + ".csv");
    Files.createDirectories(folder);
    psql("\\copy (SELECT " + names + " FROM " + SCHEMA + "." + table + ") TO '" + csv + "' WITH (FORMAT csv)");
    long rows;
    try (var lines = Files.lines(csv)) {
      rows = lines.count();
    }
    long start = System.nanoTime();
    psql("\\copy " + SCHEMA + ".limit_" + table + " (" + names + ") FROM '" + csv + "' WITH (FORMAT csv)");
    double seconds = (System.nanoTime() - start) / 1e9;
    Files.deleteIfExists(csv);
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement st = c.createStatement()) {
      st.execute("DROP TABLE " + SCHEMA + ".limit_" + table);
    }
    return new Baselines.Measured(rows, bytes, seconds, 0, 0);
  }

  private void psql(String command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder("psql", "-h", host, "-p", Integer.toString(port), "-U", user,
        "-d", database, "-v", "ON_ERROR_STOP=1", "-q", "-c", command).redirectErrorStream(true);
    builder.environment().put("PGPASSWORD", password);
    Process p = builder.start();
    String output = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IllegalStateException("psql " + command + " failed: " + output);
    }
  }
}
