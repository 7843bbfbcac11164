package io.tidbsync.domain.failure;

import static java.util.Objects.requireNonNull;

/** Base of the exceptions that cross ports; adapters translate driver errors into these. */
public abstract class TidbSyncException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final Transience transience;

  protected TidbSyncException(String message, Transience transience, Throwable cause) {
    super(Messages.withoutClassNames(requireNonNull(message, "message is null")), cause);
    this.transience = requireNonNull(transience, "transience is null");
  }

  public Transience transience() {
    return transience;
  }

  public boolean isTransient() {
    return transience == Transience.TRANSIENT;
  }
}
