package io.tidbsync.domain.failure;

/**
 * The source database could not be reached or refused the login: nothing can be synced. Recorded
 * as {@code last_connection_error}; the run exits with code 3.
 */
public class SourceUnreachableException extends SourceException {
  private static final long serialVersionUID = 1L;

  public SourceUnreachableException(String message, Throwable cause) {
    super(message, Transience.TRANSIENT, cause);
  }
}
