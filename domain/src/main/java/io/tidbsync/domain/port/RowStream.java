package io.tidbsync.domain.port;

import io.tidbsync.domain.model.Row;

/**
 * Rows handed over one at a time, never all in memory. Closing releases whatever the source holds
 * (result set, connection), also when the stream was not read to its end.
 */
public interface RowStream extends AutoCloseable {
  /**
   * The next row, or {@code null} at the end. The returned row's array belongs to the caller.
   *
   * @throws io.tidbsync.domain.failure.SourceException when reading fails
   */
  Row next();

  @Override
  void close();
}
