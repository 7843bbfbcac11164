package io.tidbsync.domain;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.cursor.CursorCodec;
import io.tidbsync.domain.cursor.Positions;
import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.failure.TidbSyncException;
import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.RowErrorSample;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.normalize.NormalizationStats;
import io.tidbsync.domain.normalize.RowNormalizer;
import io.tidbsync.domain.normalize.RowRejectedException;
import io.tidbsync.domain.normalize.TableNormalizer;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.port.TableDiscovery;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The batch loop of one table, with its failure handling; used by {@link SyncUseCase}. */
final class TableSync {
  /** Cursor value that stands for a zero date ({@code 0000-00-00}), which sorts first in MySQL. */
  private static final LocalDateTime ZERO_DATE_TIME = LocalDateTime.of(0, 1, 1, 0, 0);

  private final SourcePort source;
  private final DestinationPort destination;
  private final StateKeeper keeper;
  private final SyncConfig config;
  private final SyncObserver observer;
  private final RowNormalizer normalizer;

  TableSync(
      SourcePort source,
      DestinationPort destination,
      StateKeeper keeper,
      SyncConfig config,
      SyncObserver observer,
      RowNormalizer normalizer) {
    this.source = requireNonNull(source, "source is null");
    this.destination = requireNonNull(destination, "destination is null");
    this.keeper = requireNonNull(keeper, "keeper is null");
    this.config = requireNonNull(config, "config is null");
    this.observer = requireNonNull(observer, "observer is null");
    this.normalizer = requireNonNull(normalizer, "normalizer is null");
  }

  TableReport sync(TableDiscovery discovery) {
    long start = System.nanoTime();
    return switch (discovery) {
      case TableDiscovery.Undescribable undescribable -> {
        recordError(undescribable.table(), undescribable.reason());
        yield failed(undescribable.table(), undescribable.reason(), 0, 0, start);
      }
      case TableDiscovery.Described described -> syncDescribed(described.schema(), start);
    };
  }

  private TableReport syncDescribed(TableSchema schema, long start) {
    TableId table = schema.table();
    Counters counters = new Counters();
    try {
      checkSyncable(schema);
      TableSchema output = normalizer.outputSchema(schema);
      destination.prepare(output);
      TableNormalizer rows = normalizer.forTable(schema);
      Optional<CursorPosition> position = Positions.resume(schema, keeper.current().table(table.name()));
      boolean more = true;
      while (more) {
        Page page = readPage(schema, rows, position, counters);
        if (!page.rows.isEmpty()) {
          destination.upsert(output, page.rows);
          counters.upserted += page.rows.size();
        }
        if (page.last != null) {
          position = Optional.of(page.last);
          checkpoint(schema, page.last);
        }
        counters.read += page.read;
        observer.batchWritten(table, counters.read);
        more = page.read == config.batchSize();
      }
      RowErrorSample sample = counters.sample;
      keeper.update(s -> s.withTable(table.name(), s.table(table.name()).withLastError(null).withLastRowError(sample)));
      return new TableReport(table, new TableOutcome.Synced(), counters.read, counters.upserted,
          counters.skipped, counters.stats.zeroDates(), elapsedSince(start));
    } catch (SourceUnreachableException e) {
      throw e;
    } catch (TidbSyncException | RowRejectedException | IllegalArgumentException e) {
      String reason = "table " + table + ": " + SyncUseCase.describe(e);
      recordError(table, reason);
      if (counters.sample != null) {
        RowErrorSample sample = counters.sample;
        keeper.update(s -> s.withTable(table.name(), s.table(table.name()).withLastRowError(sample)));
      }
      return failed(table, reason, counters.read, counters.upserted, start);
    }
  }

  private static void checkSyncable(TableSchema schema) {
    if (schema.primaryKey().isEmpty()) {
      throw new IllegalArgumentException(
          "has no primary key; name its key columns in TABLES_PRIMARY_KEY_COLUMNS");
    }
    if (schema.cursor().isEmpty()) {
      throw new IllegalArgumentException("has no cursor column");
    }
  }

  private Page readPage(
      TableSchema schema, TableNormalizer normalizer, Optional<CursorPosition> after, Counters counters) {
    Page page = new Page(Math.min(config.batchSize(), 4096));
    int cursorIndex = schema.cursorIndex();
    int[] keyIndexes = schema.primaryKeyIndexes();
    try (RowStream stream = source.read(new ReadRequest(schema, after, config.batchSize()))) {
      Row row;
      while ((row = stream.next()) != null) {
        page.read++;
        CursorPosition position = positionOf(schema, normalizer, row, cursorIndex, keyIndexes);
        try {
          page.rows.add(normalizer.normalize(row, counters.stats));
        } catch (RowRejectedException e) {
          reject(schema, position, e, counters);
        }
        page.last = position;
      }
    }
    return page;
  }

  private void reject(TableSchema schema, CursorPosition position, RowRejectedException e, Counters counters) {
    TableId table = schema.table();
    String key = keyText(schema, position);
    counters.skipped++;
    counters.sample = new RowErrorSample(table.name(), key,
        e.getMessage(), CursorCodec.encode(position.cursor(), schema.cursorColumn().type()));
    observer.rowRejected(table, key, e.getMessage());
    if (config.rowErrorPolicy() == RowErrorPolicy.FAIL) {
      throw new RowRejectedException(e.column(),
          "row with key " + key + " rejected (ROW_ERROR_POLICY=fail): " + e.getMessage());
    }
  }

  private static String keyText(TableSchema schema, CursorPosition position) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < position.key().size(); i++) {
      parts.add(CursorCodec.encode(position.key().get(i), schema.column(schema.primaryKey().get(i)).type()));
    }
    return String.join(",", parts);
  }

  private static CursorPosition positionOf(
      TableSchema schema, TableNormalizer normalizer, Row row, int cursorIndex, int[] keyIndexes) {
    Object cursor = normalizer.canonical(cursorIndex, row.get(cursorIndex));
    if (cursor == null) {
      cursor = zeroDateCursor(schema.cursorColumn().type());
    }
    List<Object> key = new ArrayList<>(keyIndexes.length);
    for (int index : keyIndexes) {
      Object part = normalizer.canonical(index, row.get(index));
      if (part == null) {
        throw new IllegalArgumentException(
            "primary key column " + schema.columns().get(index).name() + " is NULL in a row");
      }
      key.add(part);
    }
    return new CursorPosition(cursor, key);
  }

  private static Object zeroDateCursor(LogicalType type) {
    return switch (type) {
      case LogicalType.NaiveDateTimeType t -> ZERO_DATE_TIME;
      case LogicalType.NaiveDateType t -> LocalDate.of(0, 1, 1);
      case LogicalType.UtcDateTimeType t -> ZERO_DATE_TIME.toInstant(java.time.ZoneOffset.UTC);
      default -> throw new IllegalArgumentException("cursor value is NULL");
    };
  }

  private void checkpoint(TableSchema schema, CursorPosition position) {
    String name = schema.table().name();
    var stored = Positions.store(schema, position);
    String lastCreated = CursorCodec.seedLastCreated(position.cursor());
    keeper.update(s -> s.withTable(name, s.table(name).withPosition(stored, lastCreated)));
  }

  private void recordError(TableId table, String reason) {
    keeper.update(s -> s.withTable(table.name(), s.table(table.name()).withLastError(reason)));
  }

  static TableReport failed(TableId table, String reason, long read, long upserted, long start) {
    return new TableReport(table, new TableOutcome.Failed(reason), read, upserted, 0, 0, elapsedSince(start));
  }

  private static Duration elapsedSince(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  private static final class Counters {
    final NormalizationStats stats = new NormalizationStats();
    long read;
    long upserted;
    long skipped;
    RowErrorSample sample;
  }

  private static final class Page {
    final List<Row> rows;
    int read;
    CursorPosition last;

    Page(int capacity) {
      rows = new ArrayList<>(capacity);
    }
  }

}
