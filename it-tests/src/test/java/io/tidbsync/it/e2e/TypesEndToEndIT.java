package io.tidbsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestination;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.testing.InMemoryStateStore;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;
import io.tidbsync.source.tidb.TidbSourceConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The MySQL types as each server reports them, value by value into DuckDB: BIT, ENUM, SET, JSON
 * (a JSON type on TiDB, text on MariaDB), YEAR, TIME (negative, over 24 h, fractions), DATETIME(6)
 * at both ends of its range, a TIMESTAMP written in a session at +05:30, BINARY/VARBINARY/BLOB,
 * DECIMAL(65,30) (exact text, never scientific) and BIGINT UNSIGNED.
 */
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class TypesEndToEndIT {
  @Parameter
  String serverName;
  @TempDir
  Path folder;

  @Test
  void everyTypeArrivesValueByValue() throws Exception {
    TestServer server = TestServers.source(serverName);
    try (UniqueDatabase db = new UniqueDatabase(server, "types")) {
      db.execute("""
          CREATE TABLE t (
            id INT PRIMARY KEY, b1 BIT(1), b10 BIT(10), e ENUM('small','médium','large'), st SET('a','b','c'),
            j JSON, y YEAR, tm TIME(6), dt6 DATETIME(6), ts TIMESTAMP(6) NULL, bn BINARY(4), vb VARBINARY(8),
            bl BLOB, d65 DECIMAL(65,30), ub BIGINT UNSIGNED, created_at DATETIME);
          SET time_zone = '+05:30';
          INSERT INTO t VALUES
           (1, b'1', b'1010101010', 'médium', 'a,c', '{"k": [1, 2.5, "x"], "n": null}', 2155, '-838:59:59.000000',
            '9999-12-31 23:59:59.999999', '2024-03-10 02:30:00.123456', x'00ff10', x'0001', x'deadbeef',
            0.000000000000000000000000000001, 18446744073709551615, '2024-01-01'),
           (2, b'0', b'0000000000', 'small', '', '[]', 1901, '838:59:59', '1000-01-01 00:00:00.000000',
            '1970-01-01 05:30:01.000000', x'00000000', x'', x'', -12345678901234567890123456789012345.123456789012345678901234567890,
            0, '2024-01-01'),
           (3, NULL, NULL, NULL, NULL, 'null', NULL, '-00:00:01.5', NULL, NULL, NULL, NULL, NULL, 0, NULL, '2024-01-01')
          """);
      Path file = folder.resolve("warehouse.duckdb");
      SyncConfig config = new SyncConfig(List.of(new TableRequest(TableId.of("t"), List.of(), "created_at",
          Optional.empty())), "created_at", 100, DateTimePolicy.ASSUME_UTC, RowErrorPolicy.FAIL);
      try (TidbSource source = new TidbSource(new TidbSourceConfig(server.host(), server.port(), server.user(),
          new Secret(server.password()), db.name(), Duration.ofSeconds(5), Duration.ofSeconds(60), false));
          DuckDbDestination destination = new DuckDbDestination(new DuckDbConfig(file, "w"))) {
        SyncReport report = new SyncUseCase(source, destination, new InMemoryStateStore(), config, SyncObserver.NONE).run();
        assertThat(report.failure()).as(report.tables().toString()).isEmpty();
      }
      List<Map<String, Object>> rows = DuckDbTables.read(file, "w", "t");
      assertThat(rows).hasSize(3);
      Map<String, Object> one = rows.get(0);
      assertThat(one.get("b1")).isEqualTo(true);
      assertThat(HexFormat.of().formatHex((byte[]) one.get("b10"))).isEqualTo("02aa");
      assertThat(one.get("e")).isEqualTo("médium");
      assertThat(one.get("st")).isEqualTo("a,c");
      assertThat(one.get("j").toString().replace(" ", "")).isEqualTo("{\"k\":[1,2.5,\"x\"],\"n\":null}");
      assertThat(one.get("y")).isEqualTo((short) 2155);
      assertThat(one.get("tm").toString()).startsWith("-838:59:59");
      assertThat(one.get("dt6")).isEqualTo(Instant.parse("9999-12-31T23:59:59.999999Z"));
      assertThat(one.get("ts")).as("written at +05:30").isEqualTo(Instant.parse("2024-03-09T21:00:00.123456Z"));
      assertThat(HexFormat.of().formatHex((byte[]) one.get("bn"))).isEqualTo("00ff1000");
      assertThat(HexFormat.of().formatHex((byte[]) one.get("vb"))).isEqualTo("0001");
      assertThat(HexFormat.of().formatHex((byte[]) one.get("bl"))).isEqualTo("deadbeef");
      assertThat(one.get("d65")).isEqualTo("0.000000000000000000000000000001000000000000000000000000000000"
          .substring(0, 32));
      assertThat(one.get("ub")).isEqualTo(new BigDecimal("18446744073709551615"));

      Map<String, Object> two = rows.get(1);
      assertThat(two.get("b1")).isEqualTo(false);
      assertThat(HexFormat.of().formatHex((byte[]) two.get("b10"))).isEqualTo("0000");
      assertThat(two.get("st")).isEqualTo("");
      assertThat(two.get("j").toString()).isEqualTo("[]");
      assertThat(two.get("tm").toString()).startsWith("838:59:59");
      assertThat(two.get("dt6")).isEqualTo(Instant.parse("1000-01-01T00:00:00Z"));
      assertThat(two.get("ts")).isEqualTo(Instant.parse("1970-01-01T00:00:01Z"));
      assertThat((byte[]) two.get("vb")).isEmpty();
      assertThat(two.get("d65")).isEqualTo("-12345678901234567890123456789012345.123456789012345678901234567890");
      assertThat(two.get("ub")).isEqualTo(BigDecimal.ZERO);

      Map<String, Object> three = rows.get(2);
      assertThat(three.get("b1")).isNull();
      assertThat(three.get("e")).isNull();
      assertThat(three.get("j").toString()).isEqualTo("null");
      assertThat(three.get("tm").toString()).isEqualTo("-00:00:01.500000");
      assertThat(three.get("d65")).isEqualTo("0.000000000000000000000000000000");
    }
  }
}
