package io.tidbsync.destination.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.DestinationPort;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryingDestinationTest {
  static final TableSchema T = new TableSchema(TableId.of("t"),
      List.of(new ColumnSpec("id", new LogicalType.IntType(), false, "int")), List.of("id"), Optional.empty());

  /** A destination that fails its first calls with a given transience, then accepts. */
  static final class FlakyDestination implements DestinationPort {
    final List<List<Row>> accepted = new ArrayList<>();
    int failuresLeft;
    final Transience transience;
    int calls;

    FlakyDestination(int failures, Transience transience) {
      this.failuresLeft = failures;
      this.transience = transience;
    }

    @Override
    public io.tidbsync.domain.model.PreparedTable prepare(TableSchema schema) {
      return io.tidbsync.domain.model.PreparedTable.untracked();
    }

    @Override
    public io.tidbsync.domain.model.Written upsert(TableSchema schema, List<Row> rows) {
      calls++;
      if (failuresLeft-- > 0) {
        throw new DestinationException("connection reset", transience);
      }
      accepted.add(rows);
      return io.tidbsync.domain.model.Written.inserted(rows.size());
    }

    @Override
    public List<List<Object>> liveKeys(TableSchema schema, Optional<List<Object>> after, int limit) {
      return List.of();
    }

    @Override
    public long markDeleted(TableSchema schema, List<List<Object>> keys) {
      return 0;
    }

    @Override
    public void close() {}
  }

  static RetryingDestination retrying(DestinationPort delegate) {
    return new RetryingDestination(delegate, RetryingDestination.config(5, Duration.ofMillis(1), Duration.ofMillis(5)));
  }

  @Test
  void transientFailuresAreRetriedUntilTheBatchLands() {
    FlakyDestination flaky = new FlakyDestination(3, Transience.TRANSIENT);
    retrying(flaky).upsert(T, List.of(Row.of(1)));
    assertThat(flaky.calls).isEqualTo(4);
    assertThat(flaky.accepted).hasSize(1);
  }

  @Test
  void permanentFailuresAreNotRetried() {
    FlakyDestination flaky = new FlakyDestination(1, Transience.PERMANENT);
    assertThatThrownBy(() -> retrying(flaky).upsert(T, List.of(Row.of(1)))).isInstanceOf(DestinationException.class);
    assertThat(flaky.calls).isEqualTo(1);
  }

  @Test
  void theAttemptLimitIsRespected() {
    FlakyDestination flaky = new FlakyDestination(100, Transience.TRANSIENT);
    assertThatThrownBy(() -> retrying(flaky).upsert(T, List.of(Row.of(1)))).hasMessageContaining("connection reset");
    assertThat(flaky.calls).isEqualTo(5);
  }
}
