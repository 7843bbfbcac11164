package io.tidbsync.domain.failure;

/** Why a run did not fully succeed; the CLI maps each case to one exit code. */
public sealed interface SyncFailure {
  String message();

  /** The configuration is unusable; nothing was attempted. */
  record ConfigurationInvalid(String message) implements SyncFailure {}

  /** The source could not be reached; nothing was synced. */
  record SourceUnreachable(String message) implements SyncFailure {}

  /** The destination could not be used (unreachable, login refused, file held); nothing more was written. */
  record DestinationUnavailable(String message) implements SyncFailure {}

  /** At least one table failed; the others were synced. */
  record TableFailed(String message) implements SyncFailure {}

  /** Rows were rejected under the {@code fail} policy. */
  record RowRejected(String message) implements SyncFailure {}
}
