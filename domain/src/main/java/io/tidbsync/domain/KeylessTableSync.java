package io.tidbsync.domain;

import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.normalize.RowRejectedException;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.Scan;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table with no key at all (no primary key, no unique index of NOT NULL columns, and not TiDB),
 * synced the way Fivetran documents for such tables: every row gets a synthetic key
 * {@code _fivetran_id}, the hash of its values, and the table is read whole every run. Identical
 * rows stay as many rows as the source has: the n-th copy of a row gets {@code <hash>-n}. A row
 * whose values changed is a new key; the keys not seen in this run's read are marked deleted.
 * Memory holds one entry per distinct row of the table (about 100 bytes each) during the run.
 */
final class KeylessTableSync {
  static final String ID = "_fivetran_id";

  private final TableSync sync;
  private final DestinationPort destination;

  KeylessTableSync(TableSync sync, DestinationPort destination) {
    this.sync = sync;
    this.destination = destination;
  }

  /** The destination's schema: the normalized columns, then {@code _fivetran_id}, the key. */
  static TableSchema output(TableSchema normalized) {
    List<ColumnSpec> columns = new ArrayList<>(normalized.columns());
    columns.add(new ColumnSpec(ID, new LogicalType.StringType(), false, "hash of the row"));
    return new TableSchema(normalized.table(), columns, List.of(ID), Optional.empty());
  }

  /** Reads every row, writes the new ones, and marks the ones gone deleted. */
  void run(TableRun run) {
    Map<String, Integer> seen = new HashMap<>();
    List<Row> batch = new ArrayList<>();
    int limit = sync.config.batchSize();
    try (RowStream rows = sync.source.read(new ReadRequest(run.schema, Scan.EVERY_ROW, Optional.empty(),
        Optional.empty(), Integer.MAX_VALUE))) {
      for (Row row = rows.next(); row != null; row = rows.next()) {
        run.read++;
        Row normalized;
        try {
          normalized = run.rows.normalize(row, run.stats);
        } catch (RowRejectedException e) {
          rejected(run, e);
          continue;
        }
        String hash = hash(normalized.values());
        int copy = seen.merge(hash, 1, Integer::sum);
        Object[] values = java.util.Arrays.copyOf(normalized.values(), normalized.values().length + 1);
        values[values.length - 1] = hash + "-" + copy;
        batch.add(new Row(values));
        if (batch.size() >= limit) {
          write(run, batch);
          batch = new ArrayList<>();
        }
      }
    }
    write(run, batch);
    run.deleted = markGone(run, seen);
  }

  private void rejected(TableRun run, RowRejectedException e) {
    // Without a key there is no row to quarantine and re-read: the row is skipped (or fails the table).
    if (sync.config.rowErrorPolicy() == io.tidbsync.domain.config.RowErrorPolicy.FAIL) {
      throw new RowRejectedException(e.column(), "a row of a table without key rejected (ROW_ERROR_POLICY=fail): "
          + e.getMessage());
    }
    run.skipped++;
    sync.observer.rowRejected(run.schema.table(), "(no key)", e.getMessage());
  }

  private void write(TableRun run, List<Row> batch) {
    if (batch.isEmpty()) {
      return;
    }
    run.wrote(batch.size(), destination.upsert(run.output, batch));
    sync.observer.batchWritten(run.schema.table(), run.progress.addAndGet(batch.size()));
  }

  /** Marks deleted every live key of the destination this run's read did not produce. */
  private long markGone(TableRun run, Map<String, Integer> seen) {
    long marked = 0;
    Optional<List<Object>> after = Optional.empty();
    while (true) {
      List<List<Object>> live = destination.liveKeys(run.output, after, DeleteDetection.CHUNK);
      List<List<Object>> gone = new ArrayList<>();
      for (List<Object> key : live) {
        String id = (String) key.get(0);
        int dash = id.lastIndexOf('-');
        int copy = dash < 0 ? Integer.MAX_VALUE : Integer.parseInt(id.substring(dash + 1));
        if (dash < 0 || seen.getOrDefault(id.substring(0, dash), 0) < copy) {
          gone.add(key);
        }
      }
      if (!gone.isEmpty()) {
        marked += destination.markDeleted(run.output, gone);
      }
      if (live.size() < DeleteDetection.CHUNK) {
        return marked;
      }
      after = Optional.of(live.get(live.size() - 1));
    }
  }

  /** The first 128 bits of the SHA-256 of the row's values (each tagged by kind and length), in hex. */
  static String hash(Object[] values) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
    for (Object value : values) {
      byte[] bytes = switch (value) {
        case null -> new byte[0];
        case byte[] b -> b;
        case float[] v -> {
          ByteBuffer buffer = ByteBuffer.allocate(4 * v.length);
          for (float f : v) {
            buffer.putInt(Float.floatToRawIntBits(f));
          }
          yield buffer.array();
        }
        case BigDecimal d -> d.stripTrailingZeros().toPlainString().getBytes(StandardCharsets.UTF_8);
        default -> value.toString().getBytes(StandardCharsets.UTF_8);
      };
      digest.update((byte) (value == null ? 0 : 1));
      digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
      digest.update(bytes);
    }
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }
}
