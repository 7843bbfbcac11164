package io.tidbsync.it.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.destination.postgres.PostgresConfig;
import io.tidbsync.destination.postgres.PostgresDestination;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.it.e2e.PostgresTables;
import io.tidbsync.it.servers.PostgresServer;
import io.tidbsync.it.servers.TestServers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostgresDestinationIT extends DestinationPortContract {
  PostgresServer server;
  String schema;

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      server.dropSchema(schema);
    }
  }

  @Override
  protected DestinationPort newDestination() {
    return new PostgresDestination(new PostgresConfig(TestServers.postgres().url(), TestServers.postgres().user(),
        new Secret(TestServers.postgres().password()), schemaName(), 4));
  }

  /** Made on first use: the contract's own @BeforeEach, which opens the destination, runs first. */
  private String schemaName() {
    if (schema == null) {
      server = TestServers.postgres();
      schema = server.newSchema("dest");
    }
    return schema;
  }

  @Override
  protected List<Map<String, Object>> readBack(String table) {
    return PostgresTables.read(server, schema, table);
  }

  @Test
  void aNameLongerThanPostgresKeepsIsAClearTableError() {
    String longName = "c".repeat(64);
    TableSchema table = new TableSchema(
        TableId.of("long_names"), List.of(
            new ColumnSpec("id", new LogicalType.IntType(), false, "int"),
            new ColumnSpec(longName, new LogicalType.IntType(), true, "int")),
        List.of("id"), Optional.empty());
    assertThatThrownBy(() -> destination.prepare(table))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("long_names").hasMessageContaining("column " + longName).hasMessageContaining("63 bytes");
  }

  /** PostgreSQL text cannot hold U+0000: the batch fails whole, naming the row's key and column. */
  @Test
  void aNulCharacterFailsTheBatchNamingTheRowsKeyAndWritesNothing() {
    destination.prepare(TYPED);
    assertThatThrownBy(() -> destination.upsert(TYPED, List.of(typedRow(1, "fine"), typedRow(7, "a\u0000b"))))
        .isInstanceOf(DestinationException.class)
        .hasMessageContaining("typed").hasMessageContaining("row with key 7").hasMessageContaining("column text")
        .hasMessageContaining("U+0000");
    assertThat(readBack("typed")).isEmpty();
  }
}
