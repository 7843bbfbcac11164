package io.tidbsync.domain.port;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.TableSchema;
import java.util.Optional;

/**
 * One keyset page: at most {@code limit} rows of the scan strictly after {@code after}. For
 * {@link Scan#CURSOR}, after (cursor, key), inclusive of the cursor value when the position has no
 * key, and with cursor at most {@code upTo} when present (the commit-safe watermark); for the
 * key-ordered scans, after the position's key, and with key at most {@code until} when present (a
 * key range of a first sync read in parallel; {@link Scan#ALL_BY_KEY} only).
 */
public record ReadRequest(
    TableSchema schema, Scan scan, Optional<CursorPosition> after, Optional<Object> upTo, int limit,
    Optional<java.util.List<Object>> until) {
  public ReadRequest {
    requireNonNull(upTo, "upTo is null");
    requireNonNull(until, "until is null");
    if (until.isPresent() && (scan != Scan.ALL_BY_KEY || until.get().size() != schema.primaryKey().size())) {
      throw new IllegalArgumentException("table " + schema.table()
          + ": an upper key bound needs a key scan and a value per key column");
    }
    requireNonNull(schema, "schema is null");
    requireNonNull(scan, "scan is null");
    requireNonNull(after, "after is null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    if (scan == Scan.EVERY_ROW) {
      if (after.isPresent() || upTo.isPresent()) {
        throw new IllegalArgumentException("table " + schema.table() + ": a scan of every row has no position or bound");
      }
    } else {
      checkKeyed(schema, scan);
    }
    after.ifPresent(position -> check(schema, scan, position));
  }

  public ReadRequest(TableSchema schema, Scan scan, Optional<CursorPosition> after, Optional<Object> upTo, int limit) {
    this(schema, scan, after, upTo, limit, Optional.empty());
  }

  public ReadRequest(TableSchema schema, Optional<CursorPosition> after, int limit) {
    this(schema, Scan.CURSOR, after, Optional.empty(), limit);
  }

  public ReadRequest(TableSchema schema, Scan scan, Optional<CursorPosition> after, int limit) {
    this(schema, scan, after, Optional.empty(), limit);
  }

  private static void checkKeyed(TableSchema schema, Scan scan) {
    if (scan != Scan.ALL_BY_KEY && schema.cursor().isEmpty()) {
      throw new IllegalArgumentException("table " + schema.table() + " has no cursor column");
    }
    if (schema.primaryKey().isEmpty()) {
      throw new IllegalArgumentException("table " + schema.table() + " has no primary key");
    }
  }

  private static void check(TableSchema schema, Scan scan, CursorPosition position) {
    if (scan == Scan.CURSOR && position.cursor() == null) {
      throw new IllegalArgumentException("table " + schema.table() + ": a cursor scan needs a cursor position");
    }
    if (scan != Scan.CURSOR && position.key().isEmpty()) {
      throw new IllegalArgumentException("table " + schema.table() + ": a key scan needs a key position");
    }
    if (!position.inclusive() && position.key().size() != schema.primaryKey().size()) {
      throw new IllegalArgumentException("table " + schema.table() + ": position has " + position.key().size()
          + " key values for a " + schema.primaryKey().size() + "-column primary key");
    }
  }
}
