package io.tidbsync.domain;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.config.ConfiguredTables;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.failure.DestinationUnavailableException;
import io.tidbsync.domain.failure.SourceUnreachableException;
import io.tidbsync.domain.failure.StateException;
import io.tidbsync.domain.failure.SyncFailure;
import io.tidbsync.domain.failure.TidbSyncException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.SourceSnapshot;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableReport;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.normalize.RowNormalizer;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.StatePort;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.port.TableDiscovery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One sync run: discover the requested tables, then for each table read keyset pages after its
 * stored position, normalize, upsert, and save the new position once the page is durable. Tables
 * are independent: one table's failure is recorded in state and the others go on. Memory holds one
 * page per table.
 */
public final class SyncUseCase {
  private final SourcePort source;
  private final DestinationPort destination;
  private final StatePort state;
  private final SyncConfig config;
  private final SyncObserver observer;
  private final Clock clock;
  private final Tuning tuning;

  public SyncUseCase(
      SourcePort source,
      DestinationPort destination,
      StatePort state,
      SyncConfig config,
      Tuning tuning,
      SyncObserver observer,
      Clock clock) {
    this.tuning = requireNonNull(tuning, "tuning is null");
    this.source = requireNonNull(source, "source is null");
    this.destination = requireNonNull(destination, "destination is null");
    this.state = requireNonNull(state, "state is null");
    this.config = requireNonNull(config, "config is null");
    this.observer = requireNonNull(observer, "observer is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public SyncUseCase(SourcePort source, DestinationPort destination, StatePort state, SyncConfig config,
      SyncObserver observer, Clock clock) {
    this(source, destination, state, config, Tuning.DEFAULTS, observer, clock);
  }

  public SyncUseCase(SourcePort source, DestinationPort destination, StatePort state, SyncConfig config,
      SyncObserver observer) {
    this(source, destination, state, config, Tuning.DEFAULTS, observer, Clock.systemUTC());
  }

  /**
   * Runs the sync.
   *
   * @throws io.tidbsync.domain.failure.StateException when state cannot be loaded or saved
   */
  public SyncReport run() {
    StateKeeper keeper = new StateKeeper(state, state.load());
    List<TableDiscovery> discoveries;
    List<TableRequest> requests;
    try {
      List<TableId> sourceTables = source.listTables();
      List<String> problems = ConfiguredTables.problems(config, sourceTables);
      if (!problems.isEmpty()) {
        return new SyncReport(List.of(), Optional.of(new SyncFailure.ConfigurationInvalid(String.join("\n", problems))));
      }
      ConfiguredTables.missingSyncedTables(config, sourceTables).forEach(observer::warning);
      requests = requests(config, sourceTables);
      discoveries = source.describe(requests);
    } catch (SourceUnreachableException e) {
      keeper.update(s -> s.withLastConnectionError(e.getMessage()));
      return new SyncReport(List.of(), Optional.of(new SyncFailure.SourceUnreachable(e.getMessage())));
    }
    List<String> unusable = StoredPositionCheck.problems(keeper.current(), discoveries, clock.instant(),
        config.clockSkew());
    if (!unusable.isEmpty()) {
      throw new StateException(String.join("\n", unusable), Transience.PERMANENT);
    }
    if (keeper.current().lastConnectionError() != null) {
      keeper.update(s -> s.withLastConnectionError(null));
    }
    // One watermark for the whole run, taken before any table is read, then the snapshot every
    // read is pinned to (on TiDB): taken after the watermark, it holds every row the watermark
    // lets through.
    Optional<java.time.Instant> watermark = boundedWatermark(source.commitWatermark());
    Snapshots snapshots = new Snapshots(source);
    Optional<SourceSnapshot> snapshot;
    try {
      snapshot = snapshots.pin();
    } catch (SourceUnreachableException e) {
      keeper.update(s -> s.withLastConnectionError(e.getMessage()));
      return new SyncReport(List.of(), Optional.of(new SyncFailure.SourceUnreachable(e.getMessage())));
    }
    if (snapshot.isPresent()) {
      watermark = watermark.map(w -> w.isAfter(snapshot.get().time()) ? snapshot.get().time() : w);
      keeper.update(s -> s.withSnapshot(snapshot.get()));
    }
    TableSync tableSync = new TableSync(source, destination, keeper, config, tuning, observer,
        new RowNormalizer(config.dateTimePolicy()), clock, watermark, snapshots);
    SyncReport report = syncTables(tableSync, keeper, requests, discoveries);
    return new SyncReport(report.tables(), report.failure(), snapshot);
  }


  /**
   * Syncs the tables, {@code tuning.parallelism()} at a time; reports come back in request order.
   * When the source becomes unreachable, tables not yet started are not started.
   */
  private SyncReport syncTables(TableSync tableSync, StateKeeper keeper, List<TableRequest> requests,
      List<TableDiscovery> discoveries) {
    AtomicReference<RuntimeException> stopped = new AtomicReference<>();
    TableReport[] reports = new TableReport[discoveries.size()];
    List<Runnable> tasks = new ArrayList<>();
    for (int i = 0; i < discoveries.size(); i++) {
      int index = i;
      tasks.add(() -> {
        if (stopped.get() != null) {
          return;
        }
        TableDiscovery discovery = discoveries.get(index);
        observer.tableStarted(discovery.table());
        try {
          reports[index] = tableSync.sync(requests.get(index), discovery);
          observer.tableFinished(reports[index]);
        } catch (SourceUnreachableException | DestinationUnavailableException e) {
          // Nothing more can be read, or written: the tables not started yet are not started.
          stopped.compareAndSet(null, e);
          reports[index] = TableRun.failed(discovery.table(), e.getMessage(), System.nanoTime());
        }
      });
    }
    observer.runStarted(tasks.size());
    Tasks.runAll("tidb-sync-table", tuning.parallelism(), tasks);
    List<TableReport> done = new ArrayList<>();
    for (TableReport report : reports) {
      if (report != null) {
        done.add(report);
      }
    }
    RuntimeException e = stopped.get();
    if (e instanceof SourceUnreachableException) {
      keeper.update(s -> s.withLastConnectionError(e.getMessage()));
      return new SyncReport(done, Optional.of(new SyncFailure.SourceUnreachable(e.getMessage())));
    }
    if (e != null) {
      return new SyncReport(done, Optional.of(new SyncFailure.DestinationUnavailable(e.getMessage())));
    }
    return new SyncReport(done, failureOf(done));
  }

  /**
   * A transaction left open for long (a forgotten session, a long report) must not stall
   * replication: one older than the look-back window, and at least an hour, no longer holds rows
   * back. TiDB aborts such transactions by default (max-txn-ttl); elsewhere a warning says so.
   */
  private Optional<java.time.Instant> boundedWatermark(Optional<java.time.Instant> reported) {
    if (reported.isEmpty()) {
      observer.warning("the source does not show its open transactions to this user; "
          + "late commits are caught by the look-back window alone");
      return reported;
    }
    java.time.Duration lag = config.lookBack().compareTo(MAX_WATERMARK_LAG) > 0 ? config.lookBack() : MAX_WATERMARK_LAG;
    java.time.Instant floor = clock.instant().minus(lag);
    if (reported.get().isBefore(floor)) {
      observer.warning("a transaction open at the source since " + reported.get() + " is older than "
          + lag.toMinutes() + " min; it no longer holds rows back, and rows it commits later may be missed");
      return Optional.of(floor);
    }
    return reported;
  }

  static final java.time.Duration MAX_WATERMARK_LAG = java.time.Duration.ofHours(1);

  /**
   * The table as the destination receives it: the normalized columns, and for a table without any
   * key the synthetic {@code _fivetran_id} key (a declared schema must say so, as Fivetran's does).
   */
  public static TableSchema destinationSchema(RowNormalizer normalizer, TableSchema source) {
    TableSchema normalized = normalizer.outputSchema(source);
    return source.primaryKey().isEmpty() ? KeylessTableSync.output(normalized) : normalized;
  }

  /**
   * The tables a run covers: the configured ones, or every base table of the source under the
   * configuration's per-table options. Shared by {@code sync}, {@code check} and {@code schema}.
   */
  public static List<TableRequest> requests(SyncConfig config, SourcePort source) {
    return config.tables().isEmpty() ? requests(config, source.listTables()) : config.tables();
  }

  private static List<TableRequest> requests(SyncConfig config, List<TableId> sourceTables) {
    if (!config.tables().isEmpty()) {
      return config.tables();
    }
    List<TableRequest> all = new ArrayList<>();
    for (TableId table : sourceTables) {
      all.add(config.requestFor(table, List.of(), Optional.empty()));
    }
    return all;
  }


  private static Optional<SyncFailure> failureOf(List<TableReport> reports) {
    List<String> failed = new ArrayList<>();
    for (TableReport report : reports) {
      if (report.failed()) {
        failed.add(report.table().name());
      }
    }
    if (failed.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new SyncFailure.TableFailed("tables failed: " + String.join(", ", failed)));
  }

  /** Message of a failure, for state and reports. */
  static String describe(RuntimeException e) {
    if (e instanceof TidbSyncException) {
      return e.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
