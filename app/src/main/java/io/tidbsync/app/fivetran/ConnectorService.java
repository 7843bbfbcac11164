package io.tidbsync.app.fivetran;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fivetran_sdk.v2.ConfigurationFormRequest;
import fivetran_sdk.v2.ConfigurationFormResponse;
import fivetran_sdk.v2.SchemaRequest;
import fivetran_sdk.v2.SchemaResponse;
import fivetran_sdk.v2.SourceConnectorGrpc;
import fivetran_sdk.v2.TableList;
import fivetran_sdk.v2.Task;
import fivetran_sdk.v2.TestRequest;
import fivetran_sdk.v2.TestResponse;
import fivetran_sdk.v2.UpdateRequest;
import fivetran_sdk.v2.UpdateResponse;
import fivetran_sdk.v2.Warning;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.tidbsync.app.config.Configuration;
import io.tidbsync.app.config.ConfigurationException;
import io.tidbsync.app.config.ConfigurationLoader;
import io.tidbsync.domain.config.ConfiguredTables;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.destination.fivetran.FivetranDestination;
import io.tidbsync.destination.fivetran.FivetranStateStore;
import io.tidbsync.destination.fivetran.FivetranTypes;
import io.tidbsync.destination.fivetran.FivetranMemory;
import io.tidbsync.destination.fivetran.SentRows;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.failure.SyncFailure;
import io.tidbsync.domain.failure.TidbSyncException;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.normalize.RowNormalizer;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.SyncObserver;
import io.tidbsync.domain.port.TableDiscovery;
import io.tidbsync.state.file.StateJson;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * tidb-sync as a Fivetran source connector (partner SDK v2). Each call gets its configuration as
 * a string map holding the same keys as {@code configuration.json}; {@code Update} runs the same
 * {@link SyncUseCase} as the {@code sync} command, with Fivetran as the destination and the state
 * that Fivetran keeps.
 */
public final class ConnectorService extends SourceConnectorGrpc.SourceConnectorImplBase {
  private static final Logger LOG = LoggerFactory.getLogger("tidb-sync");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Function<Configuration, SourcePort> sources;
  private final Map<String, String> env;

  public ConnectorService(Function<Configuration, SourcePort> sources, Map<String, String> env) {
    this.sources = requireNonNull(sources, "sources is null");
    this.env = Map.copyOf(env);
  }

  /** The call's configuration, checked as the CLI checks the file; options Fivetran cannot use refused. */
  Configuration configuration(Map<String, String> values) {
    ObjectNode root = JSON.createObjectNode();
    values.forEach((key, value) -> {
      if (value != null && !value.isEmpty()) {
        root.put(key, value);
      }
    });
    return ConfigurationLoader.forNetwork(env).parse(root);
  }

  @Override
  public void configurationForm(ConfigurationFormRequest request, StreamObserver<ConfigurationFormResponse> response) {
    response.onNext(ConnectorForm.form());
    response.onCompleted();
  }

  /** The {@code check} command's checks; a failure message names what to fix, never a stack trace. */
  @Override
  public void test(TestRequest request, StreamObserver<TestResponse> response) {
    String failure;
    try {
      failure = !request.getName().equals(ConnectorForm.CONNECT_TEST)
          ? "unknown test '" + TableId.printable(request.getName()) + "': this connector has one test, '"
              + ConnectorForm.CONNECT_TEST + "'"
          : check(configuration(request.getConfigurationMap()));
    } catch (ConfigurationException e) {
      failure = "bad configuration: " + String.join("; ", e.problems());
    } catch (TidbSyncException e) {
      failure = e.getMessage();
    } catch (RuntimeException e) {
      LOG.error("Test failed unexpectedly", e);
      failure = "unexpected error: " + e;
    }
    response.onNext(failure == null ? TestResponse.newBuilder().setSuccess(true).build()
        : TestResponse.newBuilder().setFailure(failure).build());
    response.onCompleted();
  }

  private String check(Configuration configuration) {
    try (SourcePort source = sources.apply(configuration)) {
      List<String> problems = new ArrayList<>(ConfiguredTables.problems(configuration.sync(), source.listTables()));
      List<TableDiscovery> found = source.describe(SyncUseCase.requests(configuration.sync(), source));
      for (TableDiscovery discovery : found) {
        switch (discovery) {
          case TableDiscovery.Undescribable u -> problems.add("table " + u.table() + ": " + u.reason());
          // A table without a key is synced by _fivetran_id, as Fivetran does; a configured key
          // that does not tell rows apart is a problem.
          case TableDiscovery.Described d -> source.keyProblem(d.schema())
              .ifPresent(problem -> problems.add("table " + d.table() + ": " + problem));
        }
      }
      if (found.isEmpty()) {
        problems.add("database " + configuration.source().database() + " has no tables to sync");
      }
      return problems.isEmpty() ? null : String.join("; ", problems);
    }
  }

  /** The tables with their columns, key and Fivetran types, as they will be synced. */
  @Override
  public void schema(SchemaRequest request, StreamObserver<SchemaResponse> response) {
    try {
      Configuration configuration = configuration(request.getConfigurationMap());
      RowNormalizer normalizer = new RowNormalizer(configuration.sync().dateTimePolicy());
      TableList.Builder tables = TableList.newBuilder();
      try (SourcePort source = sources.apply(configuration)) {
        for (TableDiscovery discovery : source.describe(SyncUseCase.requests(configuration.sync(), source))) {
          if (discovery instanceof TableDiscovery.Described d) {
            tables.addTables(FivetranTypes.table(SyncUseCase.destinationSchema(normalizer, d.schema())));
          } else {
            LOG.warn("table {} left out of the schema: {}", discovery.table(), ((TableDiscovery.Undescribable) discovery).reason());
          }
        }
      }
      response.onNext(SchemaResponse.newBuilder().setWithoutSchema(tables).setSelectionNotSupported(false).build());
      response.onCompleted();
    } catch (ConfigurationException e) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("bad configuration: " + String.join("; ", e.problems()))
          .asRuntimeException());
    } catch (TidbSyncException e) {
      response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
    } catch (RuntimeException e) {
      LOG.error("Schema failed unexpectedly", e);
      response.onError(Status.INTERNAL.withDescription("unexpected error: " + e).asRuntimeException());
    }
  }

  /**
   * Runs the sync on a thread of its own, so gRPC can tell it when the client is ready for more
   * (see {@link BlockingStream}); the call returns at once.
   */
  @Override
  public void update(UpdateRequest request, StreamObserver<UpdateResponse> responses) {
    BlockingStream stream = new BlockingStream((ServerCallStreamObserver<UpdateResponse>) responses);
    Thread worker = new Thread(() -> runUpdate(request, stream), "tidb-sync-update");
    worker.setDaemon(true);
    // Whatever escapes is one log line in Fivetran's JSON format, never a raw stack trace on stderr.
    worker.setUncaughtExceptionHandler((thread, e) -> LOG.error("Update ended unexpectedly: {}", e.toString()));
    worker.start();
  }

  private void runUpdate(UpdateRequest request, BlockingStream stream) {
    try {
      Configuration configuration = configuration(request.getConfigurationMap());
      FivetranSelection selection = FivetranSelection.of(request.getSelection(), request.hasSelection());
      // What Fivetran already holds: rows re-read unchanged (the look-back window) are not sent
      // again, and table definitions are declared again only when they changed.
      FivetranMemory memory = FivetranMemory.fresh();
      FivetranStateStore state = new FivetranStateStore(request.hasStateJson() ? request.getStateJson() : null,
          new StateJson(), stream, memory.entries());
      SyncState saved = state.load();
      try (SourcePort source = new ColumnSelectingSource(sources.apply(configuration), selection)) {
        List<TableRequest> tables = new ArrayList<>();
        Set<String> truncated = new HashSet<>();
        for (TableRequest table : SyncUseCase.requests(configuration.sync(), source)) {
          if (!selection.tableSelected(table.table().name())) {
            continue;
          }
          if (table.detectDeletes()) {
            // Fivetran holds the destination's keys, so deletes are found its way: a TRUNCATE, then
            // the whole table again; what is not sent again stays soft-deleted.
            truncated.add(table.table().name());
            table = new TableRequest(table.table(), table.primaryKey(), Optional.empty(), table.vector(), false,
                table.includeNullCursor());
          }
          tables.add(table);
        }
        SyncConfig selected = configuration.sync().withTables(tables);
        memory.rows().limit(SentRows.perTableFor(tables.size()));
        // A table copied from the start (its first sync, or again after Fivetran's re-sync cleared
        // the state) begins with a TRUNCATE, as the source guide says: rows Fivetran still holds
        // from an earlier copy, and not sent again, end up deleted instead of live forever.
        Set<String> firstSyncs = new HashSet<>();
        for (TableRequest table : tables) {
          if (firstSync(saved, table.table().name())) {
            firstSyncs.add(table.table().name());
          }
        }
        LOG.info("Update: {} tables selected", tables.size());
        if (!truncated.isEmpty()) {
          LOG.info("deletes of {} are found by sending them whole after a TRUNCATE", truncated);
        }
        SyncReport report = new SyncUseCase(source, new FivetranDestination(stream, truncated, firstSyncs, memory), state, selected,
            configuration.tuning(), SyncObserver.NONE, Clock.systemUTC()).run();
        if (stream.cancelled()) {
          cancelled(report);
          return;
        }
        finish(report, stream);
      }
    } catch (ConfigurationException e) {
      task(stream, "bad configuration: " + String.join("; ", e.problems()));
    } catch (TidbSyncException e) {
      task(stream, e.getMessage());
    } catch (RuntimeException e) {
      if (stream.cancelled()) {
        LOG.info("Update cancelled by Fivetran; the last checkpoint sent holds the positions");
        return;
      }
      LOG.error("Update failed unexpectedly", e);
      task(stream, "unexpected error: " + e);
    }
  }

  /** No position, no seed cursor, no first sync under way: the table is copied from its start. */
  private static boolean firstSync(SyncState saved, String table) {
    TableState t = saved.tables().get(table);
    return t == null || (t.position() == null && t.lastCreated() == null && t.firstSync() == null);
  }

  /**
   * Fivetran ended the call (a user's cancel, a timeout on its side): an ordinary end, not an
   * error. The rows sent after the last checkpoint are sent again by the next Update.
   */
  private static void cancelled(SyncReport report) {
    long sent = report.tables().stream().mapToLong(t -> t.written().changed()).sum();
    LOG.info("Update cancelled by Fivetran after {} rows were sent; the last checkpoint sent holds the positions,"
        + " and the next Update goes on from it", sent);
  }

  /**
   * Failed tables are warnings (the others synced); an unreachable source or destination, or a
   * configuration naming tables the source lacks, ends the sync as a task.
   */
  private static void finish(SyncReport report, BlockingStream stream) {
    for (TableReport table : report.tables()) {
      if (table.outcome() instanceof TableOutcome.Failed failed) {
        warn(stream, "table " + table.table() + " failed: " + failed.reason());
      }
      // What the CLI's summary says about a table (zero dates written as NULL, rows left out or
      // copied again) reaches Fivetran's dashboard too.
      table.notes().forEach(note -> warn(stream, "table " + table.table() + ": " + note));
      if (table.rowsQuarantined() > 0) {
        warn(stream, "table " + table.table() + ": " + table.rowsQuarantined()
            + " rows could not be converted; they are kept in the state and read again every sync");
      }
      LOG.info("table {}: {} rows read, {} sent, {} left out as already sent unchanged", table.table(), table.rowsRead(),
          table.written().changed(), table.rowsUnchanged());
    }
    switch (report.failure().orElse(null)) {
      case SyncFailure.SourceUnreachable unreachable -> {
        task(stream, unreachable.message());
        return;
      }
      case SyncFailure.DestinationUnavailable unavailable -> {
        task(stream, unavailable.message());
        return;
      }
      case SyncFailure.ConfigurationInvalid invalid -> {
        task(stream, "bad configuration: " + invalid.message().replace("\n", "; "));
        return;
      }
      case null, default -> { }
    }
    stream.complete();
  }

  private static void warn(BlockingStream stream, String message) {
    LOG.warn(message);
    stream.send(UpdateResponse.newBuilder().setWarning(Warning.newBuilder().setMessage(message)).build());
  }

  private static void task(BlockingStream stream, String message) {
    if (stream.cancelled()) {
      LOG.info("Update cancelled by Fivetran ({})", message);
      return;
    }
    LOG.error("Update stopped: {}", message);
    try {
      stream.send(UpdateResponse.newBuilder().setTask(Task.newBuilder().setMessage(message)).build());
    } finally {
      stream.complete();
    }
  }
}
