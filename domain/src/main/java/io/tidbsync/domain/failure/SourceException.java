package io.tidbsync.domain.failure;

/** A failure of the source side, with a message fit for a person and no secret in it. */
public class SourceException extends TidbSyncException {
  private static final long serialVersionUID = 1L;

  public SourceException(String message, Transience transience, Throwable cause) {
    super(message, transience, cause);
  }

  public SourceException(String message, Transience transience) {
    super(message, transience, null);
  }
}
