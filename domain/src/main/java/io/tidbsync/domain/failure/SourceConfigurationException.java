package io.tidbsync.domain.failure;

/**
 * The source answered, but the configuration names something it does not have (the database in
 * TIDB_DATABASE): a configuration error, exit code 2, not a table failure.
 */
public class SourceConfigurationException extends SourceException {
  private static final long serialVersionUID = 1L;

  public SourceConfigurationException(String message) {
    super(message, Transience.PERMANENT);
  }
}
