package io.tidbsync.it.servers;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/** A database with a random name on a test server, dropped on close (Debezium's UniqueDatabase). */
public final class UniqueDatabase implements AutoCloseable {
  private final TestServer server;
  private final String name;

  public UniqueDatabase(TestServer server, String prefix) {
    this.server = server;
    this.name = prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    execute("CREATE DATABASE `" + name + "`");
  }

  public String name() {
    return name;
  }

  public TestServer server() {
    return server;
  }

  public Connection connect() throws SQLException {
    return server.connect(name);
  }

  /** Runs statements separated by {@code ;\n} in this database. */
  public void execute(String sql) {
    try (Connection c = server.connect(null); Statement st = c.createStatement()) {
      if (!sql.startsWith("CREATE DATABASE") && !sql.startsWith("DROP DATABASE")) {
        st.execute("USE `" + name + "`");
      }
      for (String statement : sql.split(";\n")) {
        if (!statement.isBlank()) {
          st.execute(statement);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("on " + server.name() + ": " + e.getMessage() + "\n" + sql, e);
    }
  }

  @Override
  public void close() {
    execute("DROP DATABASE IF EXISTS `" + name + "`");
  }
}
