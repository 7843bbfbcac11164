package io.tidbsync.domain.port;

import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import java.util.List;

/**
 * Writes normalized rows to a destination. Schemas given here are normalized ones (the
 * normalizer's output types); rows are aligned with them.
 */
public interface DestinationPort extends AutoCloseable {
  /**
   * Creates the table when missing and adds columns the destination lacks; never drops data.
   *
   * @throws io.tidbsync.domain.failure.DestinationException when the table cannot be made to fit
   */
  void prepare(TableSchema schema);

  /**
   * Inserts or replaces rows by primary key; the batch is durable when this returns. Idempotent: a
   * replayed batch leaves the same values. Within a batch the last row for a key wins. Sets
   * {@code _fivetran_synced} to the write time and {@code _fivetran_deleted} to false.
   *
   * @throws io.tidbsync.domain.failure.DestinationException with its transience
   */
  void upsert(TableSchema schema, List<Row> rows);

  @Override
  void close();
}
