package io.tidbsync.app.cli;

/** {@code serve} cannot open its port (most often another process holds it): one line, exit code 2. */
public final class CannotListenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CannotListenException(String message, Throwable cause) {
    super(message, cause);
  }
}
