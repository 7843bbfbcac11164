package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Optional;

/**
 * What the source server is, for {@code check}: its version, whether a run's reads are pinned to one
 * snapshot, and (TiDB) how long old row versions are kept ({@code tidb_gc_life_time}) and how long
 * an open transaction may hold them ({@code tidb_gc_max_wait_time}).
 */
public record SourceFacts(String serverVersion, boolean snapshots, Optional<Duration> gcLifeTime,
    Optional<Duration> gcMaxWait) {
  public SourceFacts {
    requireNonNull(serverVersion, "serverVersion is null");
    requireNonNull(gcLifeTime, "gcLifeTime is null");
    requireNonNull(gcMaxWait, "gcMaxWait is null");
  }
}
