package io.tidbsync.domain.failure;

/** A failure of the destination side, with a message fit for a person and no secret in it. */
public class DestinationException extends TidbSyncException {
  private static final long serialVersionUID = 1L;

  public DestinationException(String message, Transience transience, Throwable cause) {
    super(message, transience, cause);
  }

  public DestinationException(String message, Transience transience) {
    super(message, transience, null);
  }
}
