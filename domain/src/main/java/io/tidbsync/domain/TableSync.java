package io.tidbsync.domain;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.cursor.CursorCodec;
import io.tidbsync.domain.cursor.Positions;
import io.tidbsync.domain.failure.DestinationUnavailableException;
import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.failure.TidbSyncException;
import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.QuarantinedRow;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.RowErrorSample;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.normalize.RowNormalizer;
import io.tidbsync.domain.normalize.RowRejectedException;
import io.tidbsync.domain.normalize.RowSize;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.ReadRequest;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.Scan;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.port.TableDiscovery;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * One table's sync, in order: re-read quarantined rows; the cursor scan from the stored position
 * less the look-back window (or a full scan by key for a full-refresh table); count, and if asked
 * copy, rows whose cursor is NULL; detect deletes if asked. Positions are saved only after the
 * destination made a page durable; a quarantined row is saved in the same state update as the
 * position that passes it.
 */
final class TableSync {
  final SourcePort source;
  private final DestinationPort destination;
  final StateKeeper keeper;
  final SyncConfig config;
  final SyncObserver observer;
  final RowNormalizer normalizer;
  final Clock clock;
  private final Optional<java.time.Instant> watermark;
  final Tuning tuning;
  final Snapshots snapshots;

  TableSync(SourcePort source, DestinationPort destination, StateKeeper keeper, SyncConfig config, Tuning tuning,
      SyncObserver observer, RowNormalizer normalizer, Clock clock, Optional<java.time.Instant> watermark,
      Snapshots snapshots) {
    this.snapshots = requireNonNull(snapshots, "snapshots is null");
    this.tuning = requireNonNull(tuning, "tuning is null");
    this.watermark = requireNonNull(watermark, "watermark is null");
    this.source = requireNonNull(source, "source is null");
    this.destination = requireNonNull(destination, "destination is null");
    this.keeper = requireNonNull(keeper, "keeper is null");
    this.config = requireNonNull(config, "config is null");
    this.observer = requireNonNull(observer, "observer is null");
    this.normalizer = requireNonNull(normalizer, "normalizer is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  TableReport sync(TableRequest request, TableDiscovery discovery) {
    long start = System.nanoTime();
    return switch (discovery) {
      case TableDiscovery.Undescribable undescribable -> {
        recordError(undescribable.table(), undescribable.reason());
        yield TableRun.failed(undescribable.table(), undescribable.reason(), start);
      }
      case TableDiscovery.Described described -> syncDescribed(request, described.schema(), start);
    };
  }

  private TableReport syncDescribed(TableRequest request, TableSchema schema, long start) {
    boolean keyless = schema.primaryKey().isEmpty();
    TableSchema output = SyncUseCase.destinationSchema(normalizer, schema);
    TableRun run = new TableRun(schema, output, normalizer.forTable(schema));
    run.pageRows = config.batchSize();
    TableId table = schema.table();
    try {
      source.keyProblem(schema).ifPresent(problem -> {
        throw new IllegalArgumentException(problem);
      });
      new TableIdentity(keeper, observer).reconcile(run, destination.prepare(run.output));
      boolean readWhole = keyless || schema.cursor().isEmpty()
          || Positions.resume(schema, keeper.current().table(table.name())).isEmpty();
      if (readWhole) {
        estimate(schema);
      }
      if (keyless) {
        run.notes.add("no key: synced by " + KeylessTableSync.ID + " (a hash of each row), read whole every run");
        new ReadRecovery(this, run, tuning.retryPause()).run(() -> new KeylessTableSync(this, destination).run(run));
      } else {
        new ReadRecovery(this, run, tuning.retryPause()).run(() -> readTable(request, run));
      }
      RowErrorSample sample = run.sample;
      keeper.update(s -> s.withTable(table.name(), s.table(table.name()).withLastError(null).withLastRowError(sample)));
      return run.report(new TableOutcome.Synced(), keeper.current().table(table.name()).quarantine().size(), start);
    } catch (SourceUnreachableException | DestinationUnavailableException e) {
      throw e;
    } catch (TidbSyncException | RowRejectedException | IllegalArgumentException e) {
      String reason = e.getMessage() != null && e.getMessage().startsWith("the key (")
          ? SyncUseCase.describe(e) : "table " + table + ": " + SyncUseCase.describe(e);
      RowErrorSample sample = run.sample;
      keeper.update(s -> {
        var state = s.table(table.name()).withLastError(reason);
        return s.withTable(table.name(), sample == null ? state : state.withLastRowError(sample));
      });
      return run.report(new TableOutcome.Failed(reason), keeper.current().table(table.name()).quarantine().size(), start);
    }
  }

  /** For the progress display only: a failure here is left to the reads, which report it properly. */
  private void estimate(TableSchema schema) {
    try {
      source.estimatedRows(schema).ifPresent(rows -> observer.tableEstimated(schema.table(), rows));
    } catch (RuntimeException e) {
      // no estimate, no percentage
    }
  }

  /**
   * Every read of a table's run, in order; run again from the last checkpoint when a read fails
   * with a recoverable source error ({@link ReadRecovery}).
   */
  private void readTable(TableRequest request, TableRun run) {
    TableSchema schema = run.schema;
    new QuarantineRetry(source, destination, keeper, observer).retry(run);
    if (schema.cursor().isPresent()) {
      // A ranged first sync (when it applies) reads up to the watermark it started with; the cursor
      // scan then goes on from where it stopped up to this run's watermark, as any run does.
      new RangedFirstSync(this, run).run();
      cursorScan(run);
      run.nullCursorRows = source.countNullCursor(schema);
      run.nullCursorRowsCopied = request.includeNullCursor();
      if (request.includeNullCursor()) {
        scan(run, Scan.NULL_CURSOR);
      }
    } else {
      scan(run, Scan.ALL_BY_KEY);
    }
    if (request.detectDeletes()) {
      run.deleted = new DeleteDetection(source, destination).run(run);
    }
  }

  /**
   * The incremental scan: from the stored position less the look-back window, checkpointing each
   * page; when it is read again after a failure, from the position it last saved in this run (the
   * window before it was read already).
   */
  private void cursorScan(TableRun run) {
    Optional<CursorPosition> start = Optional.ofNullable(run.resumeAt);
    if (start.isEmpty()) {
      Optional<CursorPosition> stored = Positions.resume(run.schema, keeper.current().table(run.schema.table().name()));
      start = stored.map(p -> Cursors.lookBack(p, config.lookBack()));
    }
    scan(run, new Pass(Scan.CURSOR, start, upTo(run.schema), Optional.empty(), false), positionCheckpoint(run));
  }

  /** A whole scan from its start, without positions saved (each run reads it all). */
  private void scan(TableRun run, Scan scan) {
    scan(run, new Pass(scan, Optional.empty(), Optional.empty(), Optional.empty(), false), null);
  }

  /** The commit-safe bound of this run's cursor scans, for temporal cursors with a watermark. */
  Optional<Object> upTo(TableSchema schema) {
    return Cursors.upTo(schema.cursorColumn().type(), watermark.map(w -> w.minus(config.clockSkew())));
  }

  /** One read of a table: scan kind, start, bounds; {@code dropNullCursor} skips rows a cursor scan would not see. */
  record Pass(Scan scan, Optional<CursorPosition> start, Optional<Object> upTo, Optional<List<Object>> until,
      boolean dropNullCursor) {}

  /** What saving a durable batch's last position changes in the table's state. */
  interface Checkpoint {
    io.tidbsync.domain.model.TableState advance(io.tidbsync.domain.model.TableState table, CursorPosition last);
  }

  /**
   * The incremental position: capped at now plus skew, with the seed's last-created text. It never
   * moves back: a batch of the look-back window's re-read lies before the stored position, and
   * saving it would make a run killed there start further back each time.
   */
  private Checkpoint positionCheckpoint(TableRun run) {
    return (table, last) -> {
      CursorPosition capped = Cursors.cap(last, clock.instant().plus(config.clockSkew()));
      run.resumeAt = capped;
      Optional<CursorPosition> stored = Positions.resume(run.schema, table);
      if (stored.isPresent() && Positions.compare(capped, stored.get()) <= 0) {
        return table;
      }
      return table.withPosition(Positions.store(run.schema, capped), CursorCodec.seedLastCreated(capped.cursor()));
    };
  }

  /**
   * Reads keyset pages on a reader thread, cut into batches bounded by rows and bytes, while this
   * thread writes the previous batch; each batch's last position is saved by {@code checkpoint}
   * (none when null) once it is durable.
   */
  void scan(TableRun run, Pass pass, Checkpoint checkpoint) {
    String name = "tidb-sync-read-" + run.schema.table().name();
    try (ReadAhead<Batch> reader = new ReadAhead<>(name, tuning.readAhead(), emit -> readBatches(run, pass, emit))) {
      var transactional = keeper.transactional();
      for (Batch batch = reader.next(); batch != null; batch = reader.next()) {
        boolean saves = batch.last != null && checkpoint != null || !batch.quarantined.isEmpty();
        UnaryOperator<SyncState> change = saves
            ? stateChange(run.schema, checkpoint == null ? null : batch.last, checkpoint, batch.quarantined)
            : UnaryOperator.identity();
        if (!batch.rows.isEmpty() && transactional.isPresent()) {
          // The batch and its checkpoint commit together: exactly once, no replay needed.
          List<Row> rows = batch.rows;
          run.wrote(rows.size(), keeper.commit(change, next -> transactional.get().upsertAndSave(run.output, rows, next)));
        } else {
          if (!batch.rows.isEmpty()) {
            run.wrote(batch.rows.size(), destination.upsert(run.output, batch.rows));
          }
          if (saves) {
            keeper.update(change);
          }
        }
        run.read += batch.read;
        observer.batchWritten(run.schema.table(), run.progress.addAndGet(batch.read));
      }
    }
  }

  /** The reader thread: page after page, each cut into batches handed to {@code emit}. */
  private void readBatches(TableRun run, Pass pass, Consumer<Batch> emit) {
    Optional<CursorPosition> position = pass.start();
    int limit = run.pageRows;
    int cursorIndex = pass.dropNullCursor() ? run.schema.cursorIndex() : -1;
    // The last row's key and cursor, kept raw; a position is built from them only when needed.
    Row last = new Row(new Object[run.schema.columns().size()]);
    boolean more = true;
    while (more) {
      int inPage = 0;
      Batch batch = new Batch(Math.min(limit, 4096));
      try (RowStream stream = source.read(new ReadRequest(run.schema, pass.scan(), position, pass.upTo(), limit,
          pass.until()))) {
        for (Row row = stream.next(); row != null; row = stream.next()) {
          inPage++;
          batch.pending++;
          run.capturePosition(row, last.values());
          if (cursorIndex >= 0 && row.get(cursorIndex) == null) {
            continue;
          }
          batch.read++;
          try {
            Row normalized = run.rows.normalize(row, run.stats);
            batch.rows.add(normalized);
            batch.bytes += RowSize.estimate(normalized.values());
          } catch (RowRejectedException e) {
            reject(run, run.positionOf(last, pass.scan()), e, batch.quarantined);
          }
          if (batch.bytes >= tuning.batchBytes()) {
            batch.last = run.positionOf(last, pass.scan());
            emit.accept(batch);
            batch = new Batch(batch.rows.size());
          }
        }
      }
      if (inPage > 0) {
        position = Optional.of(run.positionOf(last, pass.scan()));
      }
      if (batch.pending > 0) {
        batch.last = position.orElseThrow();
        emit.accept(batch);
      }
      more = inPage == limit;
    }
  }

  private void reject(TableRun run, CursorPosition position, RowRejectedException e, List<QuarantinedRow> quarantined) {
    TableId table = run.schema.table();
    List<String> key = run.keyText(position.key());
    String cursor = position.cursor() == null ? "" : CursorCodec.encode(position.cursor(), run.schema.cursorColumn().type());
    run.sample = new RowErrorSample(table.name(), String.join(",", key), e.getMessage(), cursor);
    observer.rowRejected(table, String.join(",", key), e.getMessage());
    switch (config.rowErrorPolicy()) {
      case QUARANTINE -> {
        quarantined.add(new QuarantinedRow(key, e.getMessage(), cursor));
        run.newlyQuarantined++;
      }
      case SKIP -> run.skipped++;
      case FAIL -> throw new RowRejectedException(e.column(),
          "row with key " + String.join(",", key) + " rejected (ROW_ERROR_POLICY=fail): " + e.getMessage());
    }
  }

  /** The state change saving {@code position} through the checkpoint, with new quarantine entries. */
  private static UnaryOperator<SyncState> stateChange(TableSchema schema, CursorPosition position, Checkpoint checkpoint,
      List<QuarantinedRow> quarantined) {
    String name = schema.table().name();
    return s -> {
      var table = s.table(name);
      List<QuarantinedRow> merged = QuarantineRetry.merge(table.quarantine(), quarantined);
      if (merged.size() > SyncConfig.MAX_QUARANTINED_ROWS) {
        throw new IllegalArgumentException("more than " + SyncConfig.MAX_QUARANTINED_ROWS
            + " rows cannot be converted; fix the source data or the column types (see `tidb-sync quarantine`)");
      }
      table = table.withQuarantine(merged);
      if (position != null) {
        table = checkpoint.advance(table, position);
      }
      return s.withTable(name, table);
    };
  }

  private void recordError(TableId table, String reason) {
    keeper.update(s -> s.withTable(table.name(), s.table(table.name()).withLastError(reason)));
  }

  /** Rows handed from the reader to the writer, with the position after the last one read. */
  private static final class Batch {
    final List<Row> rows;
    final List<QuarantinedRow> quarantined = new ArrayList<>();
    int read;
    /** Rows taken from the source into this batch, including those skipped for a NULL cursor. */
    int pending;
    long bytes;
    CursorPosition last;

    Batch(int capacity) {
      rows = new ArrayList<>(capacity);
    }
  }

  static Duration elapsedSince(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
