package io.tidbsync.domain;

import io.tidbsync.domain.cursor.CursorCodec;
import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.RowErrorSample;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import io.tidbsync.domain.normalize.NormalizationStats;
import io.tidbsync.domain.normalize.TableNormalizer;
import io.tidbsync.domain.port.Scan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** One table's schemas, normalizer and counters during a run. */
final class TableRun {
  final TableSchema schema;
  final TableSchema output;
  final TableNormalizer rows;
  final NormalizationStats stats = new NormalizationStats();
  /** Rows read so far by every part of the table's run, for progress. */
  final java.util.concurrent.atomic.AtomicLong progress;
  final int cursorIndex;
  final int[] keyIndexes;
  long read;
  long upserted;
  long unchanged;
  /** What the destination did with the rows sent to it: new, updated, or written without telling which. */
  Written written = Written.NONE;
  long skipped;
  long newlyQuarantined;
  long nullCursorRows;
  /** Whether the rows with a NULL cursor were copied (NULL_CURSOR_ROWS=include), or only counted. */
  boolean nullCursorRowsCopied;
  long deleted;
  RowErrorSample sample;
  /** Rows per page: the configured batch size, made smaller when the source runs out of memory. */
  volatile int pageRows = 1;
  /** The last position this run saved for its cursor scan: where the scan goes on if read again. */
  volatile CursorPosition resumeAt;
  /** What changed about the table itself in this run (created, columns added, copied again), for the report. */
  final List<String> notes = new java.util.concurrent.CopyOnWriteArrayList<>();

  TableRun(TableSchema schema, TableSchema output, TableNormalizer rows) {
    this(schema, output, rows, new java.util.concurrent.atomic.AtomicLong());
  }

  private TableRun(TableSchema schema, TableSchema output, TableNormalizer rows,
      java.util.concurrent.atomic.AtomicLong progress) {
    this.progress = progress;
    this.schema = schema;
    this.output = output;
    this.rows = rows;
    this.cursorIndex = schema.cursorIndex();
    this.keyIndexes = schema.primaryKeyIndexes();
  }

  /** A run over one key range of this table, with its own normalizer and counters. */
  TableRun part(TableNormalizer ownRows) {
    TableRun part = new TableRun(schema, output, ownRows, progress);
    part.pageRows = pageRows;
    return part;
  }

  /** Adds a finished part's counters to this run's. */
  synchronized void absorb(TableRun part) {
    read += part.read;
    upserted += part.upserted;
    unchanged += part.unchanged;
    written = written.plus(part.written);
    skipped += part.skipped;
    newlyQuarantined += part.newlyQuarantined;
    stats.add(part.stats);
    if (part.sample != null) {
      sample = part.sample;
    }
  }

  /**
   * Copies what a position is made of (raw key values, and the cursor value) from a row before
   * normalization replaces its values, into {@code into} (a row-wide scratch array), so that the
   * position itself is built only when it is needed: at a batch's end or for a rejected row, not
   * for every row.
   *
   * @throws IllegalArgumentException naming the key column that is NULL
   */
  void capturePosition(Row row, Object[] into) {
    for (int index : keyIndexes) {
      Object part = row.get(index);
      if (part == null) {
        throw new IllegalArgumentException(
            "primary key column " + schema.columns().get(index).name() + " is NULL in a row");
      }
      into[index] = part;
    }
    if (cursorIndex >= 0) {
      into[cursorIndex] = row.get(cursorIndex);
    }
  }

  /** The position of a raw row (before normalization, which works in place). */
  CursorPosition positionOf(Row row, Scan scan) {
    List<Object> key = keyOf(row);
    if (scan != Scan.CURSOR) {
      return CursorPosition.afterKey(key);
    }
    Object cursor = rows.canonical(cursorIndex, row.get(cursorIndex));
    if (cursor == null) {
      cursor = Cursors.zeroDate(schema.cursorColumn().type());
    }
    return new CursorPosition(cursor, key);
  }

  /** Canonical key values of a raw row, in key order. */
  List<Object> keyOf(Row row) {
    List<Object> key = new ArrayList<>(keyIndexes.length);
    for (int index : keyIndexes) {
      Object part = rows.canonical(index, row.get(index));
      if (part == null) {
        throw new IllegalArgumentException(
            "primary key column " + schema.columns().get(index).name() + " is NULL in a row");
      }
      key.add(part);
    }
    return key;
  }

  /** Canonical key values of a key-only row (key columns in key order). */
  List<Object> keyOfKeyRow(Row keyRow) {
    List<Object> key = new ArrayList<>(keyIndexes.length);
    for (int i = 0; i < keyIndexes.length; i++) {
      key.add(rows.canonical(keyIndexes[i], keyRow.get(i)));
    }
    return key;
  }

  /** Lossless text of canonical key values, as state keeps them. */
  List<String> keyText(List<Object> key) {
    List<String> parts = new ArrayList<>(key.size());
    for (int i = 0; i < key.size(); i++) {
      parts.add(CursorCodec.encode(key.get(i), schema.columns().get(keyIndexes[i]).type()));
    }
    return parts;
  }

  /** Canonical key values back from their state text. */
  List<Object> keyFromText(List<String> text) {
    List<Object> key = new ArrayList<>(text.size());
    for (int i = 0; i < text.size(); i++) {
      key.add(CursorCodec.decode(text.get(i), schema.columns().get(keyIndexes[i]).type()));
    }
    return key;
  }

  /** Text of key values of the output schema (the destination's), comparable with {@link #keyText}. */
  List<String> outputKeyText(List<Object> outputKey) {
    List<Object> canonical = new ArrayList<>(outputKey.size());
    for (int i = 0; i < outputKey.size(); i++) {
      LogicalType sourceType = schema.columns().get(keyIndexes[i]).type();
      Object value = outputKey.get(i);
      canonical.add(sourceType instanceof LogicalType.NaiveDateTimeType && value instanceof Instant instant
          ? LocalDateTime.ofInstant(instant, ZoneOffset.UTC)
          : value);
    }
    return keyText(canonical);
  }

  TableReport report(TableOutcome outcome, long quarantined, long start) {
    List<String> all = new ArrayList<>(notes);
    if (stats.zeroDates() > 0) {
      all.add(rows(stats.zeroDates(), "zero date (0000-00-00) was", "zero dates (0000-00-00) were")
          + " written as NULL: no date or time has that value");
    }
    if (nullCursorRows > 0 && !nullCursorRowsCopied) {
      all.add(rows(nullCursorRows, "row has a NULL ", "rows have a NULL ") + schema.cursor().orElse("cursor")
          + " and " + (nullCursorRows == 1 ? "was" : "were")
          + " left out (NULL_CURSOR_ROWS=report); NULL_CURSOR_ROWS=include copies them");
    }
    if (skipped > 0) {
      all.add(rows(skipped, "row could not be converted and was", "rows could not be converted and were")
          + " dropped (ROW_ERROR_POLICY=skip)");
    }
    return new TableReport(schema.table(), outcome, read, upserted, unchanged, skipped, quarantined,
        stats.zeroDates(), nullCursorRows, deleted, TableSync.elapsedSince(start), all, written);
  }

  /** Counts a batch of {@code sent} rows upserted, of which the destination wrote {@code result}. */
  void wrote(int sent, Written result) {
    upserted += sent;
    unchanged += Math.max(0, sent - result.changed());
    written = written.plus(result);
  }

  /** "1 row has", "2,500 rows have": the count with thousands separators and the right number. */
  static String rows(long n, String one, String many) {
    return String.format(java.util.Locale.ROOT, "%,d ", n) + (n == 1 ? one : many);
  }

  static TableReport failed(TableId table, String reason, long start) {
    return new TableReport(table, new TableOutcome.Failed(reason), 0, 0, 0, 0, 0, 0, 0, 0,
        Duration.ofNanos(System.nanoTime() - start));
  }
}
