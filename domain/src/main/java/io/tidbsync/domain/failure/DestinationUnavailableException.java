package io.tidbsync.domain.failure;

/**
 * The destination cannot be used at all (cannot be reached, refuses the login, its file is held by
 * another process or cannot be written): nothing can be written, so the run stops once instead of
 * failing table after table. The run exits with code 4.
 */
public class DestinationUnavailableException extends DestinationException {
  private static final long serialVersionUID = 1L;

  public DestinationUnavailableException(String message, Throwable cause) {
    super(message, Transience.PERMANENT, cause);
  }
}
