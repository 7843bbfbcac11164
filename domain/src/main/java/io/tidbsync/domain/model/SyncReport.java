package io.tidbsync.domain.model;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.failure.SyncFailure;
import java.util.List;
import java.util.Optional;

/** The result of one run: a report per table and, when the run was not clean, why. */
public record SyncReport(List<TableReport> tables, Optional<SyncFailure> failure) {
  public SyncReport {
    tables = List.copyOf(requireNonNull(tables, "tables is null"));
    requireNonNull(failure, "failure is null");
  }
}
