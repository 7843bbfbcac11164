package io.tidbsync.domain;

import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.domain.port.RowStream;
import io.tidbsync.domain.port.SourcePort;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds rows deleted at the source: pages through the destination's live keys a chunk at a time,
 * asks the source which of them still exist, and marks the others {@code _fivetran_deleted}.
 * Memory holds one chunk of keys; it needs no common sort order between the two databases (their
 * string collations differ).
 */
final class DeleteDetection {
  static final int CHUNK = 2_000;

  private final SourcePort source;
  private final DestinationPort destination;

  DeleteDetection(SourcePort source, DestinationPort destination) {
    this.source = source;
    this.destination = destination;
  }

  /** Returns how many rows were newly marked deleted. */
  long run(TableRun run) {
    long marked = 0;
    Optional<List<Object>> after = Optional.empty();
    while (true) {
      List<List<Object>> live = destination.liveKeys(run.output, after, CHUNK);
      if (live.isEmpty()) {
        return marked;
      }
      Set<List<String>> present = new HashSet<>();
      try (RowStream found = source.readKeys(run.schema, sourceKeys(run, live), true)) {
        for (Row row = found.next(); row != null; row = found.next()) {
          present.add(run.keyText(run.keyOfKeyRow(row)));
        }
      }
      List<List<Object>> missing = new ArrayList<>();
      for (List<Object> key : live) {
        if (!present.contains(run.outputKeyText(key))) {
          missing.add(key);
        }
      }
      if (!missing.isEmpty()) {
        marked += destination.markDeleted(run.output, missing);
      }
      if (live.size() < CHUNK) {
        return marked;
      }
      after = Optional.of(live.get(live.size() - 1));
    }
  }

  /** Destination keys in the source's canonical types (naive date-times kept naive). */
  private static List<List<Object>> sourceKeys(TableRun run, List<List<Object>> live) {
    List<List<Object>> keys = new ArrayList<>(live.size());
    for (List<Object> key : live) {
      keys.add(run.keyFromText(run.outputKeyText(key)));
    }
    return keys;
  }
}
