package io.tidbsync.it.servers;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/** A running PostgreSQL server: {@code url} is a pgjdbc URL without credentials. */
public record PostgresServer(String url, String user, String password) {
  public PostgresServer {
    requireNonNull(url, "url is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
  }

  /** Parses {@code jdbc:postgresql://host:port/db?user=u&password=p}, the form the scripts export. */
  public static PostgresServer fromJdbcUrl(String url) {
    int q = url.indexOf('?');
    String user = "postgres";
    String password = "";
    if (q >= 0) {
      for (String part : url.substring(q + 1).split("&")) {
        int eq = part.indexOf('=');
        if (part.startsWith("user=")) {
          user = part.substring(eq + 1);
        } else if (part.startsWith("password=")) {
          password = part.substring(eq + 1);
        }
      }
    }
    return new PostgresServer(q >= 0 ? url.substring(0, q) : url, user, password);
  }

  public String host() {
    return URI.create(url.substring("jdbc:".length())).getHost();
  }

  public int port() {
    return URI.create(url.substring("jdbc:".length())).getPort();
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** A schema with a random name, for one test's tables. */
  public String newSchema(String prefix) {
    String name = prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    execute("CREATE SCHEMA \"" + name + "\"");
    return name;
  }

  public void dropSchema(String name) {
    execute("DROP SCHEMA IF EXISTS \"" + name.replace("\"", "\"\"") + "\" CASCADE");
  }

  public void execute(String sql) {
    try (Connection c = connect(); Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("on postgres: " + e.getMessage() + "\n" + sql, e);
    }
  }
}
