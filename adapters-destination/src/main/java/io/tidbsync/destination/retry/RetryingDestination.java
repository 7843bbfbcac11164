package io.tidbsync.destination.retry;

import static java.util.Objects.requireNonNull;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.StateCodec;
import io.tidbsync.domain.port.TransactionalStatePort;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries a destination's idempotent operations on transient errors: exponential backoff with
 * jitter, a small attempt limit; each retry logged with the table and the error, never values.
 */
public final class RetryingDestination implements DestinationPort {
  private static final Logger LOG = LoggerFactory.getLogger(RetryingDestination.class);

  private final DestinationPort delegate;
  private final RetryConfig config;

  public RetryingDestination(DestinationPort delegate, RetryConfig config) {
    this.delegate = requireNonNull(delegate, "delegate is null");
    this.config = requireNonNull(config, "config is null");
  }

  /** 5 attempts (first included), 200 ms doubling to at most 10 s, ±50 % jitter. */
  public static RetryConfig defaultConfig() {
    return config(5, Duration.ofMillis(200), Duration.ofSeconds(10));
  }

  public static RetryConfig config(int maxAttempts, Duration initial, Duration max) {
    return RetryConfig.custom()
        .maxAttempts(maxAttempts)
        .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(initial, 2.0, 0.5, max))
        .retryOnException(TransientErrors::isTransient)
        .build();
  }

  private Retry retry(String operation, TableSchema schema) {
    Retry retry = Retry.of(operation + " " + schema.table(), config);
    retry.getEventPublisher().onRetry(event -> LOG.warn(
        "{} of table {} failed (attempt {}), retrying in {} ms: {}",
        operation, schema.table(), event.getNumberOfRetryAttempts(),
        event.getWaitInterval().toMillis(),
        event.getLastThrowable() == null ? "?" : event.getLastThrowable().getMessage()));
    return retry;
  }

  @Override
  public io.tidbsync.domain.model.PreparedTable prepare(TableSchema schema) {
    return retry("prepare", schema).executeSupplier(() -> delegate.prepare(schema));
  }

  @Override
  public io.tidbsync.domain.model.Written upsert(TableSchema schema, List<Row> rows) {
    return retry("upsert", schema).executeSupplier(() -> delegate.upsert(schema, rows));
  }

  @Override
  public List<List<Object>> liveKeys(TableSchema schema, Optional<List<Object>> after, int limit) {
    return retry("listing keys", schema).executeSupplier(() -> delegate.liveKeys(schema, after, limit));
  }

  /** Marking is idempotent (already-deleted keys are skipped), so it is safe to retry. */
  @Override
  public long markDeleted(TableSchema schema, List<List<Object>> keys) {
    return retry("marking deletes", schema).executeSupplier(() -> delegate.markDeleted(schema, keys));
  }

  /** The destination's state store, its batch-and-checkpoint commits retried like upserts. */
  @Override
  public Optional<TransactionalStatePort> stateStore(String name, StateCodec codec) {
    return delegate.stateStore(name, codec).map(store -> new TransactionalStatePort() {
      @Override
      public SyncState load() {
        return Retry.of("loading state " + name, config).executeSupplier(store::load);
      }

      @Override
      public SyncState peek() {
        return store.peek();
      }

      @Override
      public void save(SyncState state) {
        Retry.of("saving state " + name, config).executeRunnable(() -> store.save(state));
      }

      @Override
      public io.tidbsync.domain.model.Written upsertAndSave(TableSchema schema, List<Row> rows, SyncState state) {
        return retry("upsert with checkpoint", schema).executeSupplier(() -> store.upsertAndSave(schema, rows, state));
      }

      @Override
      public void close() {
        store.close();
      }
    });
  }

  @Override
  public void close() {
    delegate.close();
  }
}
