package io.tidbsync.destination.duckdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class DuckDbThreadsTest {
  private static DuckDbConfig config(Integer threads, int readers) {
    return new DuckDbConfig(Path.of("w.duckdb"), "s", null, null, threads, readers);
  }

  @Test
  void writesGetTheCoresTheReadersLeaveAndAtLeastOne() {
    assertThat(new DuckDbThreads(config(null, 1), 2).forWrites()).isEqualTo(1);
    assertThat(new DuckDbThreads(config(null, 4), 8).forWrites()).isEqualTo(4);
    assertThat(new DuckDbThreads(config(null, 8), 4).forWrites()).isEqualTo(1);
    assertThat(new DuckDbThreads(config(null, 1), 4).forWrites()).isEqualTo(3);
    assertThat(new DuckDbThreads(config(null, 1), 1).forWrites()).isEqualTo(1);
  }

  @Test
  void aConfiguredCountHoldsForWritesAndClose() {
    assertThat(new DuckDbThreads(config(3, 1), 2).forWrites()).isEqualTo(3);
    assertThat(new DuckDbThreads(config(3, 1), 16).forWrites()).isEqualTo(3);
    assertThat(new DuckDbThreads(config(3, 1), 16).forClose()).isEqualTo(3);
  }

  @Test
  void theLastCheckpointAtCloseGetsEveryCoreUnlessACountIsConfigured() {
    assertThat(new DuckDbThreads(config(null, 1), 2).forClose()).isEqualTo(2);
    assertThat(new DuckDbThreads(config(null, 8), 4).forClose()).isEqualTo(4);
    assertThat(new DuckDbThreads(config(3, 1), 16).forClose()).isEqualTo(3);
  }

  @Test
  void theCountIsSetOnTheConnectionAndSetAgainAfterAReset() throws Exception {
    DuckDbThreads threads = new DuckDbThreads(config(null, 1), 2);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      threads.use(c, 1);
      assertThat(setting(c)).isEqualTo(1);
      threads.use(c, 3);
      assertThat(setting(c)).isEqualTo(3);
    }
    try (Connection fresh = DriverManager.getConnection("jdbc:duckdb:")) {
      threads.reset();
      threads.use(fresh, 3);
      assertThat(setting(fresh)).isEqualTo(3);
    }
  }

  private static long setting(Connection c) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('threads')")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
