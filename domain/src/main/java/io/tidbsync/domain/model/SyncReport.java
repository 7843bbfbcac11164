package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.failure.SyncFailure;
import java.util.List;
import java.util.Optional;

/**
 * The result of one run: a report per table, when the run was not clean why, and the snapshot its
 * reads were pinned to (empty when the source has none).
 */
public record SyncReport(List<TableReport> tables, Optional<SyncFailure> failure, Optional<SourceSnapshot> snapshot) {
  public SyncReport {
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    requireNonNull(failure, "failure is null");
    requireNonNull(snapshot, "snapshot is null");
  }

  public SyncReport(List<TableReport> tables, Optional<SyncFailure> failure) {
    this(tables, failure, Optional.empty());
  }
}
