package io.tidbsync.source.tidb;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which connection failures are tried again: the network's, never a refused login, TLS or a missing database. */
class ConnectRetryTest {
  @Test
  void aLinkFailureIsTriedAgainAndARefusalIsNot() {
    assertThat(TidbConnections.transientConnectFailure(new SQLException("Communications link failure", "08S01"))).isTrue();
    assertThat(TidbConnections.transientConnectFailure(new SQLException("Connection refused", "08001"))).isTrue();
    assertThat(TidbConnections.transientConnectFailure(new SQLException("Access denied", "28000", 1045))).isFalse();
    assertThat(TidbConnections.transientConnectFailure(new SQLException("Unknown database", "42000", 1049))).isFalse();
    SQLException tls = new SQLException("SSL handshake", "08S01", new javax.net.ssl.SSLHandshakeException("bad cert"));
    assertThat(TidbConnections.transientConnectFailure(tls)).isFalse();
    assertThat(TidbConnections.transientConnectFailure(new SQLException("syntax", "42000"))).isFalse();
  }
}
