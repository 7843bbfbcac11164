package io.tidbsync.app.config;

import static java.util.Objects.requireNonNull;

import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.source.tidb.TidbSourceConfig;
import io.tidbsync.state.file.FileStateConfig;
import java.util.List;

/** A parsed, valid configuration: the domain's part and each adapter's, plus warnings to show. */
public record Configuration(
    SyncConfig sync,
    Tuning tuning,
    TidbSourceConfig source,
    String destination,
    DuckDbConfig duckDb,
    FileStateConfig state,
    List<String> warnings) {
  public Configuration {
    requireNonNull(sync, "sync is null");
    requireNonNull(tuning, "tuning is null");
    requireNonNull(source, "source is null");
    requireNonNull(destination, "destination is null");
    requireNonNull(duckDb, "duckDb is null");
    requireNonNull(state, "state is null");
    warnings = List.copyOf(requireNonNull(warnings, "warnings is null"));
  }
}
