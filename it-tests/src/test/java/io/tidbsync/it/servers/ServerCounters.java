package io.tidbsync.it.servers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Counters a server keeps of what its clients did, read the way each server offers them: MariaDB's
 * {@code SHOW GLOBAL STATUS}, TiDB's Prometheus metrics on its status port (TiDB has no
 * {@code Connections} or {@code Com_stmt_prepare} status variables).
 */
public final class ServerCounters {
  private final TestServer server;

  public ServerCounters(TestServer server) {
    this.server = server;
  }

  /** Client connections opened so far (a counter: compare two readings). */
  public long connectionsOpened() {
    if (server.isTidb()) {
      // Opened = closed + open now.
      return tidbMetric("tidb_server_disconnection_total{") + tidbMetric("tidb_server_connections{");
    }
    return mariadbStatus("Connections");
  }

  /** Statements prepared on the server so far (a counter: compare two readings). */
  public long statementsPrepared() {
    if (server.isTidb()) {
      return tidbMetric("tidb_server_query_total{resource_group=\"default\",result=\"OK\",type=\"StmtPrepare\"}");
    }
    return mariadbStatus("Com_stmt_prepare");
  }

  private long mariadbStatus(String name) {
    try (Connection admin = server.connect(null); Statement st = admin.createStatement();
        ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE '" + name + "'")) {
      rs.next();
      return rs.getLong(2);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The sum of every sample whose line starts with {@code prefix} (a metric name and labels). */
  private static long tidbMetric(String prefix) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(TestServers.tidbStatusUrl() + "/metrics")).build();
    try (HttpClient client = HttpClient.newHttpClient()) {
      String body = client.send(request, HttpResponse.BodyHandlers.ofString()).body();
      return body.lines().filter(l -> l.startsWith(prefix))
          .mapToLong(l -> (long) Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    } catch (IOException e) {
      throw new IllegalStateException("reading TiDB's metrics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
