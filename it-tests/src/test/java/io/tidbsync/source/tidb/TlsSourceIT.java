package io.tidbsync.source.tidb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * TLS to the source against TiDB and MariaDB, each serving a certificate from a throwaway CA
 * (scripts/servers with TIDBSYNC_TIDB_TLS=1 and TIDBSYNC_MARIADB_TLS=1, as scripts/test starts
 * them): verified with that CA it connects encrypted; with another CA, or the JVM's, it is refused
 * with a message naming the TLS keys; disabled, the session is plain.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class TlsSourceIT {
  @Parameter
  String serverName;
  TestServer server;
  String ca;

  @BeforeEach
  void serverWithTls() throws Exception {
    server = TestServers.source(serverName);
    ca = Files.readString(TestServers.tlsCa(server));
  }

  TidbSourceConfig config(String host, TidbSourceConfig.TlsMode mode, Optional<String> ca) {
    return new TidbSourceConfig(host, server.port(), server.user(), new Secret(server.password()), "mysql",
        Duration.ofSeconds(5), Duration.ofSeconds(30), true, mode, ca);
  }

  static String sslVersion(TidbSourceConfig config) throws Exception {
    try (Connection c = new TidbConnections(config).open(); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
      return rs.next() ? rs.getString(2) : "";
    }
  }

  /** Some public CA from the JDK's own trust store: real, and unrelated to the test server. */
  static String unrelatedCa() throws Exception {
    KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
    try (InputStream in = Files.newInputStream(Path.of(System.getProperty("java.home"), "lib", "security", "cacerts"))) {
      cacerts.load(in, null);
    }
    Certificate any = cacerts.getCertificate(Collections.list(cacerts.aliases()).get(0));
    return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(any.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  @Test
  void verifiedWithTheServersCaTheSessionIsEncrypted() throws Exception {
    assertThat(sslVersion(config("127.0.0.1", TidbSourceConfig.TlsMode.VERIFY_IDENTITY, Optional.of(ca))))
        .startsWith("TLSv1.");
    assertThat(sslVersion(config("127.0.0.1", TidbSourceConfig.TlsMode.VERIFY_CA,
        Optional.of(Base64.getEncoder().encodeToString(ca.getBytes()))))).as("CA given as base64").startsWith("TLSv1.");
    try (TidbSource source = new TidbSource(config("127.0.0.1", TidbSourceConfig.TlsMode.VERIFY_IDENTITY, Optional.of(ca)))) {
      assertThat(source.listTables()).isNotEmpty();
    }
  }

  /**
   * TiDB Cloud's way in: a user named {@code <prefix>.root} and TLS that verifies the server's
   * name against a given CA.
   */
  @Test
  void aTidbCloudStyleUserConnectsWithVerifiedIdentity() throws Exception {
    String user = "4dXyz1b2c3.root";
    try (Connection admin = server.connect(null); Statement st = admin.createStatement()) {
      st.execute("CREATE USER IF NOT EXISTS '" + user + "'@'%' IDENTIFIED BY 'cloud-pw'");
      st.execute("GRANT SELECT ON mysql.* TO '" + user + "'@'%'");
    }
    try {
      TidbSourceConfig cloud = new TidbSourceConfig("localhost", server.port(), user, new Secret("cloud-pw"), "mysql",
          Duration.ofSeconds(5), Duration.ofSeconds(30), true, TidbSourceConfig.TlsMode.VERIFY_IDENTITY, Optional.of(ca));
      assertThat(sslVersion(cloud)).startsWith("TLSv1.");
      try (TidbSource source = new TidbSource(cloud)) {
        assertThat(source.listTables()).isNotEmpty();
      }
    } finally {
      try (Connection admin = server.connect(null); Statement st = admin.createStatement()) {
        st.execute("DROP USER IF EXISTS '" + user + "'@'%'");
      }
    }
  }

  @Test
  void anotherCaOrTheJvmsOwnIsRefusedNamingTheTlsKeys() throws Exception {
    String other = unrelatedCa();
    assertThatThrownBy(() -> sslVersion(config("127.0.0.1", TidbSourceConfig.TlsMode.VERIFY_CA, Optional.of(other))))
        .isInstanceOf(SourceUnreachableException.class)
        .hasMessageContaining("TLS with 127.0.0.1").hasMessageContaining("TLS_CA_CERTIFICATE")
        .hasMessageNotContaining(server.password());
    assertThatThrownBy(() -> sslVersion(config("127.0.0.1", TidbSourceConfig.TlsMode.VERIFY_IDENTITY, Optional.empty())))
        .isInstanceOf(SourceUnreachableException.class).hasMessageContaining("TLS_MODE");
  }

  @Test
  void disabledIsPlainAndRequiredIsEncryptedUnverified() throws Exception {
    assertThat(sslVersion(config("127.0.0.1", TidbSourceConfig.TlsMode.DISABLED, Optional.empty()))).isEmpty();
    assertThat(sslVersion(config("127.0.0.1", TidbSourceConfig.TlsMode.REQUIRED, Optional.empty()))).startsWith("TLSv1.");
  }
}
