package io.tidbsync.domain.failure;

/** A failure of the state side, with a message fit for a person and no secret in it. */
public class StateException extends TidbSyncException {
  private static final long serialVersionUID = 1L;

  public StateException(String message, Transience transience, Throwable cause) {
    super(message, transience, cause);
  }

  public StateException(String message, Transience transience) {
    super(message, transience, null);
  }
}
