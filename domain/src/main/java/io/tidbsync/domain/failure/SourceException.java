package io.tidbsync.domain.failure;

import static java.util.Objects.requireNonNull;

/**
 * A failure of the source side, with a message fit for a person and no secret in it, and what the
 * sync may do about it ({@link SourceRecovery}).
 */
public class SourceException extends TidbSyncException {
  private static final long serialVersionUID = 1L;
  private final SourceRecovery recovery;

  public SourceException(String message, SourceRecovery recovery, Throwable cause) {
    super(message, requireNonNull(recovery, "recovery is null").transience(), cause);
    this.recovery = recovery;
  }

  public SourceException(String message, Transience transience, Throwable cause) {
    super(message, transience, cause);
    this.recovery = transience == Transience.TRANSIENT ? SourceRecovery.RETRY : SourceRecovery.FAIL_TABLE;
  }

  public SourceException(String message, Transience transience) {
    this(message, transience, null);
  }

  /** What reading again may achieve. */
  public SourceRecovery recovery() {
    return recovery;
  }
}
