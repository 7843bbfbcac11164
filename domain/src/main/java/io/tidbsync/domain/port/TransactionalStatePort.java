package io.tidbsync.domain.port;

import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableSchema;
import java.util.List;

/**
 * A state store that lives in the destination's own database: a batch and the state that records
 * it commit in one transaction, so a crash leaves both or neither (exactly-once, not replay). The
 * use case writes batches through {@link #upsertAndSave} when its state store is one of these.
 */
public interface TransactionalStatePort extends StatePort {
  /**
   * {@link DestinationPort#upsert} of the rows and {@link #save} of the state, atomically.
   *
   * @return as {@link DestinationPort#upsert}
   */
  io.tidbsync.domain.model.Written upsertAndSave(TableSchema schema, List<Row> rows, SyncState state);
}
