package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.it.servers.TestServers;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The configuration is untrusted input, through the fat jar on both servers: what would reach a
 * driver URL is checked, passwords never show in any URL form, table names in per-table options
 * must exist, and source text (a table name) cannot forge a log line or reach the terminal raw.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class ConfigurationBoundaryIT extends JarOnEachSource {
  @Override
  String databasePrefix() {
    return "boundary";
  }

  @BeforeEach
  void createPatients() {
    db.execute("CREATE TABLE patients (id INT PRIMARY KEY, name VARCHAR(20), created_at DATETIME);\n"
        + "INSERT INTO patients VALUES (1, 'a', '2024-01-01'), (2, 'b', '2024-01-02')");
  }


  static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void aHostCarryingAPortPathOrDriverParametersIsRefusedBeforeAnyConnection() throws Exception {
    try (ServerSocket listener = new ServerSocket(0)) {
      listener.setSoTimeout(1);
      for (String host : new String[] {
          "127.0.0.1:" + listener.getLocalPort() + "/?allowLoadLocalInfile=true&x=",
          "127.0.0.1/?allowUrlInLocalInfile=true", "localhost?autoDeserialize=true", "a b", "host\nname"}) {
        Map<String, String> config = config();
        config.put("TIDB_HOST", host);
        for (String command : new String[] {"check", "sync"}) {
          JarRun run = run(config, command);
          assertThat(run.exitCode()).as(host + " " + run).isEqualTo(2);
          assertThat(run.stderr()).contains("TIDB_HOST must be a host name or an IP address").doesNotContain("\tat ");
        }
        // Nothing ever connected to the port named in the host.
        assertThat(accepted(listener)).as(host).isFalse();
      }
    }
    assertThat(folder.resolve("state.json")).doesNotExist();
    assertThat(folder.resolve("warehouse.duckdb")).doesNotExist();
  }

  private static boolean accepted(ServerSocket listener) throws Exception {
    try (var ignored = listener.accept()) {
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    }
  }

  @Test
  void anIpv6AddressAndAHostNameWithUnderscoresAreHosts() throws Exception {
    Map<String, String> config = config();
    config.put("TIDB_HOST", "::1");
    JarRun run = run(config, "check");
    // ::1 is a valid host: the run gets past the configuration (it may or may not reach a server there).
    assertThat(run.stderr()).as(run.toString()).doesNotContain("TIDB_HOST must be");
    assertThat(run.exitCode()).isIn(0, 3);
    config.put("TIDB_HOST", "no_such_host.invalid");
    JarRun unknown = run(config, "check");
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(3);
    assertThat(unknown.stderr()).doesNotContain("TIDB_HOST must be");
  }

  @Test
  void driverPropertiesThatLoadClassesOrReadFilesAreRefusedInEveryUrl() throws Exception {
    String[][] cases = {
        {"STATE", "jdbc", "STATE_JDBC_URL", "jdbc:mysql://127.0.0.1:1/db?allowLoadLocalInfile=true"},
        {"STATE", "jdbc", "STATE_JDBC_URL", "jdbc:mysql://(host=127.0.0.1,port=1,autoDeserialize=true)/db"},
        {"STATE", "jdbc", "STATE_JDBC_URL", "jdbc:mysql://127.0.0.1:1/db?ALLOWURLINLOCALINFILE=TRUE"},
        {"STATE", "jdbc", "STATE_JDBC_URL", "jdbc:mysql://127.0.0.1:1/db?queryInterceptors%3Dx.Y"},
        {"DESTINATION", "postgres", "POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/db?socketFactory=x.Y&socketFactoryArg=z"},
        {"DESTINATION", "postgres", "POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/db?sslfactory=x.Y"},
        {"DESTINATION", "postgres", "POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/db?loggerFile=/tmp/x.log"},
        {"DESTINATION", "postgres", "POSTGRES_URL", "jdbc:postgresql://127.0.0.1:1/db?authenticationPluginClassName=x.Y"},
    };
    for (String[] c : cases) {
      Map<String, String> config = config();
      config.put(c[0], c[1]);
      config.put(c[2], c[3]);
      config.put("POSTGRES_USER", "u");
      JarRun run = run(config, "sync");
      assertThat(run.exitCode()).as(c[3] + " " + run).isEqualTo(2);
      assertThat(run.stderr()).contains(c[2] + " sets the driver property").contains("not allowed");
    }
  }

  @Test
  void passwordsInsideUrlsNeverShowInAnyForm() throws Exception {
    int closed = closedPort();
    String[] urls = {
        "jdbc:mysql://statuser:Sekrit-Auth-771@127.0.0.1:" + closed + "/db",
        "jdbc:mysql://127.0.0.1:" + closed + "/db?user=u&password=Sekrit-Param-772",
        "jdbc:mysql://127.0.0.1:" + closed + "/db?user=u;password=Sekrit-Semi-773",
        "jdbc:postgresql://127.0.0.1:" + closed + "/db?user=u&password=Sekrit-Pg-774",
    };
    for (String url : urls) {
      Map<String, String> config = config();
      config.put("STATE", "jdbc");
      config.put("STATE_JDBC_URL", url);
      JarRun run = run(config, "sync", "--log-level", "DEBUG");
      assertThat(run.exitCode()).as(run.toString()).isNotZero();
      assertThat(run.stdout() + run.stderr()).as(url).doesNotContain("Sekrit");
    }
    Map<String, String> config = config();
    config.put("DESTINATION", "postgres");
    config.put("POSTGRES_USER", "u");
    config.put("POSTGRES_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/db?password=Sekrit-Dest-775");
    JarRun run = run(config, "sync", "--log-level", "DEBUG");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(4);
    assertThat(run.stdout() + run.stderr()).doesNotContain("Sekrit");
    assertThat(folder.resolve("state.json")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(), p -> assertThat(Files.readString(p)).doesNotContain("Sekrit"));
  }

  @Test
  void perTableOptionsMustNameTablesOfTheSourceWithADidYouMean() throws Exception {
    Map<String, String> config = config();
    config.put("DELETE_DETECTION", "sometimes");
    config.put("CURSOR_COLUMNS", "{\"patient\": \"created_at\"}");
    JarRun run = run(config, "sync");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    // Nothing was synced: the reasons go to standard error, as every other error does, and no empty table is printed.
    assertThat(run.stdout()).doesNotContain("table ").doesNotContain("result");
    assertThat(run.stderr()).contains("bad configuration, nothing was synced")
        .contains("DELETE_DETECTION names table sometimes, which the source database does not have")
        .contains("none, all, or table names")
        .contains("CURSOR_COLUMNS names table patient, which the source database does not have (did you mean patients?)");
    assertThat(folder.resolve("warehouse.duckdb")).doesNotExist();
    JarRun check = run(config, "check");
    assertThat(check.exitCode()).as(check.toString()).isEqualTo(2);
    assertThat(check.stdout()).contains("ERROR DELETE_DETECTION names table sometimes");

    Map<String, String> listed = config();
    listed.put("TABLES_PRIMARY_KEY_COLUMNS", "{\"patients\": \"id\"}");
    listed.put("FULL_REFRESH_TABLES", "visits");
    JarRun unlisted = run(listed, "sync");
    assertThat(unlisted.exitCode()).as(unlisted.toString()).isEqualTo(2);
    assertThat(unlisted.stderr()).contains("FULL_REFRESH_TABLES names table visits, which is not synced");
  }

  @Test
  void unknownKeysAreNamedBesideOtherErrorsAndTheLogLevelIsChecked() throws Exception {
    Map<String, String> config = config();
    config.put("TIDB_PORT", "forty");
    config.put("DELETE_DETECTON", "all");
    JarRun run = run(config, "sync");
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
    assertThat(run.stderr()).contains("unknown configuration key DELETE_DETECTON is ignored (did you mean DELETE_DETECTION?)")
        .contains("TIDB_PORT");
    JarRun loud = run(config(), "sync", "--log-level", "LOUD");
    assertThat(loud.exitCode()).as(loud.toString()).isEqualTo(2);
    assertThat(loud.stderr()).contains("--log-level must be one of ERROR, WARN, INFO, DEBUG, TRACE, found \"LOUD\"");
  }

  @Test
  void aTableNameHoldingANewlineAndEscapeCodesCannotForgeALogLineOrReachTheTerminal() throws Exception {
    String forged = "evil\n00:00:00.000 ERROR Forged - pwned\u001b[2J";
    db.execute("CREATE TABLE `" + forged + "` (id INT PRIMARY KEY, created_at DATETIME);\n"
        + "INSERT INTO `" + forged + "` VALUES (1, '2024-01-01')");
    JarRun run = run(config(), "sync", "--log-level", "DEBUG");
    assertThat(run.exitCode()).as(run.toString()).isZero();
    for (String line : (run.stdout() + run.stderr()).lines().toList()) {
      assertThat(line).doesNotStartWith("00:00:00.000 ERROR Forged");
    }
    assertThat(run.stdout() + run.stderr()).doesNotContain("\u001b");
    assertThat(run.stdout()).contains("evil\\u000a00:00:00.000 ERROR Forged");
    assertThat(DuckDbTables.read(folder.resolve("warehouse.duckdb"), db.name(), forged)).hasSize(1);
  }
}
