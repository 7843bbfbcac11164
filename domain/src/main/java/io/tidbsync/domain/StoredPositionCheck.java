package io.tidbsync.domain;

import io.tidbsync.domain.cursor.CursorCodec;
import io.tidbsync.domain.cursor.Positions;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.FirstSyncRanges;
import io.tidbsync.domain.model.QuarantinedRow;
import io.tidbsync.domain.model.StoredPosition;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.TableState;
import io.tidbsync.domain.port.TableDiscovery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks, before any table is read, that what the state stores for each table can be used: every
 * stored cursor and key value decodes as its column's type, and no stored cursor lies far in the
 * future. A run never stores a cursor later than now plus the clock-skew margin, so one far ahead
 * was put there from outside, and trusting it would make its table silently stop reading.
 */
final class StoredPositionCheck {
  /** How far ahead of now a stored cursor may be: naive date-times may be in any zone (up to +14 h). */
  static final Duration FUTURE_MARGIN = Duration.ofDays(1);

  private StoredPositionCheck() {}

  /** The problems, each naming its table and the stored value at fault; empty when all is usable. */
  static List<String> problems(SyncState state, List<TableDiscovery> discoveries, Instant now, Duration skew) {
    List<String> problems = new ArrayList<>();
    for (TableDiscovery discovery : discoveries) {
      if (discovery instanceof TableDiscovery.Described d) {
        check(d.schema(), state.table(d.table().name()), now.plus(skew).plus(FUTURE_MARGIN), problems);
      }
    }
    return problems;
  }

  private static void check(TableSchema schema, TableState stored, Instant latest, List<String> problems) {
    String table = schema.table().toString();
    StoredPosition position = stored.position();
    if (schema.cursor().isPresent() && position != null && position.cursorColumn().equals(schema.cursor().get())
        && position.key().size() == schema.primaryKey().size()) {
      decode(table, "cursor", schema.cursorColumn(), position.cursor(), problems);
      for (int i = 0; i < position.key().size(); i++) {
        decode(table, "key", schema.column(schema.primaryKey().get(i)), position.key().get(i), problems);
      }
    }
    Optional<CursorPosition> resume;
    try {
      resume = Positions.resume(schema, stored);
    } catch (IllegalArgumentException e) {
      if (problems.stream().noneMatch(p -> p.startsWith("state of table " + table + ":"))) {
        problems.add("state of table " + table + ": the stored position cannot be read: " + e.getMessage()
            + advice(table));
      }
      return;
    }
    resume.flatMap(p -> instant(p.cursor())).filter(at -> at.isAfter(latest)).ifPresent(at -> problems.add(
        "state of table " + table + ": the stored cursor " + schema.cursor().get() + " = " + at
            + " is in the future (later than now plus a day); a run never stores one so far ahead, and no row"
            + " before it would be read" + advice(table)));
    for (QuarantinedRow row : stored.quarantine()) {
      for (int i = 0; i < Math.min(row.key().size(), schema.primaryKey().size()); i++) {
        decode(table, "quarantined key", schema.column(schema.primaryKey().get(i)), row.key().get(i), problems);
      }
    }
    FirstSyncRanges ranges = stored.firstSync();
    if (ranges != null && schema.cursor().isPresent() && ranges.cursorColumn().equals(schema.cursor().get())) {
      decode(table, "first-sync cursor bound", schema.cursorColumn(), ranges.upTo(), problems);
    }
  }

  private static void decode(String table, String what, ColumnSpec column, String text, List<String> problems) {
    try {
      CursorCodec.decode(text, column.type());
    } catch (IllegalArgumentException e) {
      problems.add("state of table " + table + ": the stored " + what + " " + column.name() + " = \""
          + TableId.printable(String.valueOf(text)) + "\" is not a "
          + column.type().fivetranName() + " value, as that column holds" + advice(table));
    }
  }

  private static String advice(String table) {
    return "; the state was edited or belongs to another table: restore it, or copy the table again with"
        + " `tidb-sync reset " + table + "`";
  }

  private static Optional<Instant> instant(Object cursor) {
    return switch (cursor) {
      case Instant i -> Optional.of(i);
      case LocalDateTime t -> Optional.of(t.toInstant(ZoneOffset.UTC));
      case LocalDate d -> Optional.of(d.atStartOfDay().toInstant(ZoneOffset.UTC));
      case null, default -> Optional.empty();
    };
  }
}
