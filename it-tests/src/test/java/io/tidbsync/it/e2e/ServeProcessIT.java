package io.tidbsync.it.e2e;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fivetran_sdk.v2.ConfigurationFormRequest;
import fivetran_sdk.v2.SourceConnectorGrpc;
import fivetran_sdk.v2.TestRequest;
import fivetran_sdk.v2.TestResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar tidb-sync.jar serve --port N} as Fivetran runs it: it answers on IPv4 and
 * IPv6 loopback, and everything it prints on standard output is a partner-SDK JSON log line.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class ServeProcessIT {
  /** The source server this run of the class uses: TiDB, then MariaDB. */
  @Parameter
  String serverName;

  TestServer server() {
    return TestServers.source(serverName);
  }

  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aBusyPortIsOneLineNamingThePortNotAStackTrace(@TempDir Path folder) throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      JarRun run = JarRun.run(folder, Map.of(), "serve", "--port", Integer.toString(taken.getLocalPort()));
      assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
      assertThat(run.stdout() + run.stderr()).contains("cannot listen on port " + taken.getLocalPort())
          .contains("--port").doesNotContain("\tat ").doesNotContain("unexpected error").doesNotContain("bad configuration");
    }
  }

  @Test
  void servesOnIpv4AndIpv6AndLogsJsonLinesOnStandardOutput(@TempDir Path folder) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    // Through the launcher, as a user or the Dockerfile starts it.
    ProcessBuilder launcher = new ProcessBuilder(Path.of("..", "bin", "tidb-sync").toAbsolutePath().normalize().toString(),
        "serve", "--port", Integer.toString(port)).directory(folder.toFile());
    launcher.environment().put("TIDBSYNC_JAR", JarRun.jar().toString());
    launcher.environment().put("JAVA_HOME", System.getProperty("java.home"));
    launcher.environment().remove("TIDB_PASS");
    launcher.redirectOutput(folder.resolve("killed-runs.out").toFile());
    launcher.redirectError(folder.resolve("killed-runs.err").toFile());
    Process serve = launcher.start();
    try {
      Path out = folder.resolve("killed-runs.out");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(Files.exists(out) && Files.readString(out).contains("listening on port " + port))) {
        assertThat(serve.isAlive()).as("serve exited: " + (Files.exists(out) ? Files.readString(out) : "")).isTrue();
        assertThat(System.nanoTime()).as("serve did not start in 60 s").isLessThan(deadline);
        Thread.sleep(100);
      }
      TestServer s = server();
      Map<String, String> config = Map.of("TIDB_HOST", s.host(), "TIDB_PORT", Integer.toString(s.port()),
          "TIDB_USER", s.user(), "TIDB_PASS", "wrong-password-4242", "TIDB_DATABASE", "mysql",
          "TABLES_PRIMARY_KEY_COLUMNS", "{\"db\": \"Host,Db,User\"}");
      for (String host : loopbacks()) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(new InetSocketAddress(host, port)).usePlaintext().build();
        try {
          var connector = SourceConnectorGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
          assertThat(connector.configurationForm(ConfigurationFormRequest.getDefaultInstance()).getFieldsCount())
              .as(host).isGreaterThan(5);
          TestResponse test = connector.test(TestRequest.newBuilder().setName("connect").putAllConfiguration(config).build());
          assertThat(test.getFailure()).as(host).contains("authentication");
        } finally {
          channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
      }
      List<String> lines = Files.readAllLines(out);
      assertThat(lines).isNotEmpty();
      for (String line : lines) {
        JsonNode log = JSON.readTree(line);
        assertThat(log.get("level").asText()).as(line).isIn("INFO", "WARNING", "SEVERE");
        assertThat(log.get("message-origin").asText()).as(line).isEqualTo("sdk_connector");
        assertThat(log.has("message")).as(line).isTrue();
      }
      assertThat(String.join("\n", lines)).doesNotContain("wrong-password-4242");
      // Nothing but the JSON log: no JVM warnings (protobuf's Unsafe on Java 24+, native access) on standard error.
      Path err = folder.resolve("killed-runs.err");
      assertThat(Files.exists(err) ? Files.readString(err) : "").as("standard error").isEmpty();
    } finally {
      serve.destroy();
      serve.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** 127.0.0.1, and ::1 where this machine has IPv6 on loopback. */
  static List<String> loopbacks() throws Exception {
    boolean ipv6 = NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
        .anyMatch(a -> a instanceof Inet6Address && a.isLoopbackAddress());
    return ipv6 ? List.of("127.0.0.1", "::1") : List.of("127.0.0.1");
  }
}
