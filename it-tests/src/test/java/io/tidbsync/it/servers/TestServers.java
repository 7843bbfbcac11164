package io.tidbsync.it.servers;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real servers tests run against. Order: the JDBC URL the project's scripts export
 * ({@code scripts/servers start}); else Testcontainers when a Docker engine is there; else the
 * test is skipped with the reason, except under {@code CI=true}, where a missing server fails.
 */
public final class TestServers {
  public static final String MARIADB_URL = "TIDBSYNC_IT_MARIADB_URL";
  public static final String POSTGRES_URL = "TIDBSYNC_IT_POSTGRES_URL";
  private static TestServer mariadb;
  private static PostgresServer postgres;

  private TestServers() {}

  public static synchronized TestServer mariadb() {
    if (mariadb == null) {
      mariadb = fromEnvironmentOrContainer("mariadb", MARIADB_URL);
    }
    return mariadb;
  }

  public static synchronized PostgresServer postgres() {
    if (postgres == null) {
      String url = System.getenv(POSTGRES_URL);
      if (url != null && !url.isBlank()) {
        postgres = PostgresServer.fromJdbcUrl(url);
      } else if (dockerAvailable()) {
        PostgreSQLContainer container = new PostgreSQLContainer("postgres:15");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        postgres = new PostgresServer(container.getJdbcUrl(), container.getUsername(), container.getPassword());
      } else {
        missing("postgres", POSTGRES_URL);
      }
    }
    return postgres;
  }

  private static TestServer fromEnvironmentOrContainer(String name, String variable) {
    String url = System.getenv(variable);
    if (url != null && !url.isBlank()) {
      return TestServer.fromJdbcUrl(name, url);
    }
    if (dockerAvailable()) {
      MariaDBContainer container = new MariaDBContainer("mariadb:10.11").withUsername("tidbsync").withPassword("tidbsync");
      container.withCommand("--default-time-zone=+00:00", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin");
      container.start();
      Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
      return new TestServer(name, container.getHost(), container.getMappedPort(3306), "root", "tidbsync");
    }
    return missing(name, variable);
  }

  private static <T> T missing(String name, String variable) {
    String reason = "no " + name + " server: " + variable + " is unset and there is no Docker engine; "
        + "run the tests through scripts/test, which starts one";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + " (CI=true: a missing server is a failure)");
    }
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }
}
