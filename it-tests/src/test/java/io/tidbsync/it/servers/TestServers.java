package io.tidbsync.it.servers;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.tidb.TiDBContainer;

/**
 * The real servers tests run against. Order: the JDBC URL the project's scripts export
 * ({@code scripts/servers start}); else Testcontainers when a Docker engine is there; else the
 * test is skipped with the reason, except under {@code CI=true}, where a missing server fails.
 */
public final class TestServers {
  public static final String MARIADB_URL = "TIDBSYNC_IT_MARIADB_URL";
  public static final String TIDB_URL = "TIDBSYNC_IT_TIDB_URL";
  public static final String POSTGRES_URL = "TIDBSYNC_IT_POSTGRES_URL";
  /** The TiDB image Testcontainers starts where Docker exists: the release {@code ../shared/tidb} holds. */
  static final String TIDB_IMAGE = "pingcap/tidb:v8.5.3";
  /**
   * The MySQL-protocol servers every source-side suite runs on, TiDB first: the names {@link
   * #source(String)} takes, for {@code @ValueSource} of a {@code @ParameterizedClass}.
   */
  public static final List<String> SOURCES = List.of("tidb", "mariadb");

  private static TestServer mariadb;
  private static TestServer tidb;
  private static String tidbStatusUrl;
  private static PostgresServer postgres;

  private TestServers() {}

  /** The source server named {@code tidb} or {@code mariadb}. */
  public static TestServer source(String name) {
    return switch (name) {
      case "tidb" -> tidb();
      case "mariadb" -> mariadb();
      default -> throw new IllegalArgumentException("unknown source server " + name + "; known: " + SOURCES);
    };
  }

  public static synchronized TestServer mariadb() {
    if (mariadb == null) {
      String url = System.getenv(MARIADB_URL);
      if (url != null && !url.isBlank()) {
        mariadb = TestServer.fromJdbcUrl("mariadb", url);
      } else if (dockerAvailable()) {
        MariaDBContainer container = new MariaDBContainer("mariadb:10.11").withUsername("tidbsync").withPassword("tidbsync");
        container.withCommand("--default-time-zone=+00:00", "--character-set-server=utf8mb4", "--collation-server=utf8mb4_bin");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        mariadb = new TestServer("mariadb", container.getHost(), container.getMappedPort(3306), "root", "tidbsync");
      } else {
        missing("mariadb", MARIADB_URL);
      }
    }
    return mariadb;
  }

  public static synchronized TestServer tidb() {
    if (tidb == null) {
      String url = System.getenv(TIDB_URL);
      if (url != null && !url.isBlank()) {
        tidb = TestServer.fromJdbcUrl("tidb", url);
        tidbStatusUrl = System.getenv("TIDBSYNC_IT_TIDB_STATUS_URL");
      } else if (dockerAvailable()) {
        TiDBContainer container = new TiDBContainer(TIDB_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        tidb = new TestServer("tidb", container.getHost(), container.getMappedPort(4000), "root", "");
        tidbStatusUrl = "http://" + container.getHost() + ":" + container.getMappedPort(10080);
      } else {
        missing("tidb", TIDB_URL + " (scripts/servers start tidb sets it)");
      }
    }
    return tidb;
  }

  /**
   * TiDB's status address (its HTTP port, serving {@code /metrics}), for tests that count what the
   * server saw; {@code TIDBSYNC_IT_TIDB_STATUS_URL} from the scripts, or the container's.
   */
  public static synchronized String tidbStatusUrl() {
    tidb();
    if (tidbStatusUrl == null || tidbStatusUrl.isBlank()) {
      return missing("tidb status port", "TIDBSYNC_IT_TIDB_STATUS_URL");
    }
    return tidbStatusUrl;
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

  /**
   * The CA certificate (PEM file) a server's TLS certificate chains to, when the scripts started it
   * with TLS ({@code TIDBSYNC_IT_<NAME>_CA}); a test that needs it fails under {@code CI=true} and
   * is skipped elsewhere when it is missing.
   */
  public static Path tlsCa(TestServer server) {
    String variable = "TIDBSYNC_IT_" + server.name().toUpperCase(Locale.ROOT) + "_CA";
    Optional<Path> ca = Optional.ofNullable(System.getenv(variable)).filter(v -> !v.isBlank()).map(Path::of)
        .filter(Files::isRegularFile);
    if (ca.isEmpty()) {
      return missing(server.name() + " with TLS", variable + " (scripts/test starts " + server.name() + " with TLS)");
    }
    return ca.get();
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
