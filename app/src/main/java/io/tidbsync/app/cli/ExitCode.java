package io.tidbsync.app.cli;

import io.tidbsync.domain.failure.SyncFailure;
import java.util.Optional;

/** The process exit codes, one place. */
public final class ExitCode {
  public static final int OK = 0;
  public static final int TABLE_FAILED = 1;
  public static final int BAD_CONFIGURATION = 2;
  public static final int SOURCE_UNREACHABLE = 3;
  public static final int DESTINATION_UNAVAILABLE = 4;

  private ExitCode() {}

  public static int of(Optional<SyncFailure> failure) {
    if (failure.isEmpty()) {
      return OK;
    }
    return switch (failure.get()) {
      case SyncFailure.ConfigurationInvalid c -> BAD_CONFIGURATION;
      case SyncFailure.SourceUnreachable s -> SOURCE_UNREACHABLE;
      case SyncFailure.DestinationUnavailable d -> DESTINATION_UNAVAILABLE;
      case SyncFailure.TableFailed t -> TABLE_FAILED;
      case SyncFailure.RowRejected r -> TABLE_FAILED;
    };
  }
}
