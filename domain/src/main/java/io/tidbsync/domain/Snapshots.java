package io.tidbsync.domain;

import io.tidbsync.domain.model.SourceSnapshot;
import io.tidbsync.domain.port.SourcePort;
import java.util.Optional;

/**
 * The snapshot a run's reads are pinned to, shared by its tables: taken once when the run starts,
 * replaced only when a read finds it expired.
 */
final class Snapshots {
  private final SourcePort source;
  private Optional<SourceSnapshot> current = Optional.empty();

  Snapshots(SourcePort source) {
    this.source = source;
  }

  synchronized Optional<SourceSnapshot> pin() {
    current = source.pinSnapshot();
    return current;
  }

  synchronized Optional<SourceSnapshot> current() {
    return current;
  }

  /** A fresh snapshot in place of {@code stale}; the source renews it once for all who saw it expire. */
  synchronized Optional<SourceSnapshot> renew(Optional<SourceSnapshot> stale) {
    if (stale.isEmpty()) {
      return current;
    }
    current = source.renewSnapshot(stale.get());
    return current;
  }
}
