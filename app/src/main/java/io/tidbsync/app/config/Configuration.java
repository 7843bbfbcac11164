package io.tidbsync.app.config;

import static java.util.Objects.requireNonNull;

import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.jsonlines.JsonLinesConfig;
import io.tidbsync.destination.postgres.PostgresConfig;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.source.tidb.TidbSourceConfig;
import io.tidbsync.state.file.FileStateConfig;
import io.tidbsync.state.jdbc.JdbcStateConfig;
import java.util.List;
import java.util.Optional;

/**
 * A parsed, valid configuration: the domain's part and each adapter's, plus warnings to show.
 * {@code destination} and {@code stateStore} name the chosen adapters; the settings of an adapter
 * that needs keys of its own ({@code postgres}, {@code jdbcState}) are present when it is chosen.
 */
public record Configuration(
    SyncConfig sync,
    Tuning tuning,
    TidbSourceConfig source,
    String destination,
    DuckDbConfig duckDb,
    Optional<PostgresConfig> postgres,
    JsonLinesConfig jsonLines,
    String stateStore,
    String stateName,
    FileStateConfig state,
    Optional<JdbcStateConfig> jdbcState,
    List<String> warnings) {
  /** The state store that lives in the chosen destination's own database. */
  public static final String STATE_IN_DESTINATION = "destination";

  public Configuration {
    requireNonNull(sync, "sync is null");
    requireNonNull(tuning, "tuning is null");
    requireNonNull(source, "source is null");
    requireNonNull(destination, "destination is null");
    requireNonNull(duckDb, "duckDb is null");
    requireNonNull(postgres, "postgres is null");
    requireNonNull(jsonLines, "jsonLines is null");
    requireNonNull(stateStore, "stateStore is null");
    requireNonNull(stateName, "stateName is null");
    requireNonNull(state, "state is null");
    requireNonNull(jdbcState, "jdbcState is null");
    warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
  }
}
