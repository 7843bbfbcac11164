package io.tidbsync.it.servers;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A running MySQL-protocol server the tests may create databases on. */
public record TestServer(String name, String host, int port, String user, String password) {
  public TestServer {
    requireNonNull(name, "name is null");
    requireNonNull(host, "host is null");
    requireNonNull(user, "user is null");
    requireNonNull(password, "password is null");
  }

  /** Parses {@code jdbc:mysql://host:port/?user=u&password=p}, the form the scripts export. */
  public static TestServer fromJdbcUrl(String name, String url) {
    URI uri = URI.create(url.substring("jdbc:".length()));
    Map<String, String> query = new LinkedHashMap<>();
    if (uri.getQuery() != null) {
      for (String part : uri.getQuery().split("&")) {
        int eq = part.indexOf('=');
        query.put(part.substring(0, eq), part.substring(eq + 1));
      }
    }
    return new TestServer(name, uri.getHost(), uri.getPort(), query.getOrDefault("user", "root"),
        query.getOrDefault("password", ""));
  }

  /** Whether this is a TiDB server (else MariaDB or MySQL). */
  public boolean isTidb() {
    return name.equals("tidb");
  }

  @Override
  public String toString() {
    return name;
  }

  public Connection connect(String database) throws SQLException {
    String url = "jdbc:mysql://" + host + ":" + port + "/" + (database == null ? "" : database)
        + "?connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true&allowMultiQueries=true&tinyInt1isBit=false";
    return DriverManager.getConnection(url, user, password);
  }
}
