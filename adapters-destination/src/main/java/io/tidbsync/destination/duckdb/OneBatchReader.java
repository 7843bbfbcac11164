package io.tidbsync.destination.duckdb;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An Arrow reader of one record batch, filled by its owner in {@link #getVectorSchemaRoot()}
 * before it is exported: the form DuckDB's {@code registerArrowStream} takes.
 */
final class OneBatchReader extends ArrowReader {
  private final Schema schema;
  private boolean given;

  OneBatchReader(BufferAllocator allocator, Schema schema) {
    super(allocator);
    this.schema = schema;
  }

  @Override
  public boolean loadNextBatch() {
    boolean first = !given;
    given = true;
    return first;
  }

  @Override
  public long bytesRead() {
    return 0;
  }

  @Override
  protected void closeReadSource() {
    // nothing to close: the batch lives in the root, which ArrowReader closes
  }

  @Override
  protected Schema readSchema() {
    return schema;
  }
}
