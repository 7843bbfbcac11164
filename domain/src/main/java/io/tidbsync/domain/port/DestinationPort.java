package io.tidbsync.domain.port;

import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import java.util.List;
import java.util.Optional;

/**
 * Writes normalized rows to a destination. Schemas given here are normalized ones (the
 * normalizer's output types); rows and keys are aligned with them.
 */
public interface DestinationPort extends AutoCloseable {
  /**
   * Creates the table when missing and adds columns the destination lacks; never drops data, and
   * never alters a table it did not create.
   *
   * @return the table's identity in this destination, whether it was created now, and the columns
   *     added or widened
   * @throws io.tidbsync.domain.failure.DestinationException when the table cannot be made to fit,
   *     or exists but was not made by tidb-sync
   */
  io.tidbsync.domain.model.PreparedTable prepare(TableSchema schema);

  /**
   * Inserts or replaces rows by primary key; the batch is durable when this returns. Idempotent: a
   * replayed batch leaves the same values. Within a batch the last row for a key wins. A written
   * row gets {@code _fivetran_deleted = false} (an upsert revives a deleted key) and
   * {@code _fivetran_synced} the write time.
   *
   * @return how many rows were inserted and how many had a value changed; the rest were already
   *     identical
   * @throws io.tidbsync.domain.failure.DestinationException with its transience
   */
  io.tidbsync.domain.model.Written upsert(TableSchema schema, List<Row> rows);

  /**
   * Up to {@code limit} primary keys of rows not marked deleted, in the destination's key order,
   * after {@code after} (a key this method returned before).
   */
  List<List<Object>> liveKeys(TableSchema schema, Optional<List<Object>> after, int limit);

  /**
   * Marks the rows with these keys {@code _fivetran_deleted = true}, keeping their values; durable
   * on return. Keys that are absent or already deleted are ignored.
   *
   * @return how many rows were newly marked
   */
  long markDeleted(TableSchema schema, List<List<Object>> keys);

  /**
   * A state store in this destination's own database, named {@code name} (one destination can
   * hold the state of several syncs), whose batches commit with their checkpoints; empty for a
   * destination without transactions (the default).
   */
  default Optional<TransactionalStatePort> stateStore(String name, StateCodec codec) {
    return Optional.empty();
  }

  @Override
  void close();
}
