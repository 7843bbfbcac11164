package io.tidbsync.domain.cursor;

import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.StoredPosition;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.TableState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Between a table's stored state and the typed {@link CursorPosition} a read starts after. */
public final class Positions {
  private Positions() {}

  /**
   * Where the next read of {@code schema} starts: the exact stored position when it belongs to the
   * same cursor column and key, else the seed's {@code _last_created} (inclusive), else the start.
   *
   * @throws IllegalArgumentException when the stored text does not decode; the message says which
   */
  public static Optional<CursorPosition> resume(TableSchema schema, TableState state) {
    if (schema.cursor().isEmpty()) {
      return Optional.empty();
    }
    String cursorColumn = schema.cursor().get();
    StoredPosition stored = state.position();
    if (stored != null
        && stored.cursorColumn().equals(cursorColumn)
        && stored.key().size() == schema.primaryKey().size()) {
      Object cursor = CursorCodec.decode(stored.cursor(), schema.cursorColumn().type());
      List<Object> key = new ArrayList<>(stored.key().size());
      for (int i = 0; i < stored.key().size(); i++) {
        key.add(CursorCodec.decode(stored.key().get(i), schema.column(schema.primaryKey().get(i)).type()));
      }
      return Optional.of(new CursorPosition(cursor, key));
    }
    if (state.lastCreated() != null) {
      Object cursor = CursorCodec.fromSeedLastCreated(state.lastCreated(), schema.cursorColumn().type());
      return Optional.ofNullable(cursor).map(CursorPosition::inclusive);
    }
    return Optional.empty();
  }

  /**
   * The order of two cursor positions of one table: by cursor value, then by key; at equal cursor
   * values an inclusive position (no key) comes before every keyed one. Values compare naturally
   * (strings by Java's order, which can differ from the server's collation only in the key
   * tie-break of rows sharing a cursor value), byte arrays as unsigned bytes.
   */
  public static int compare(CursorPosition a, CursorPosition b) {
    int byCursor = compareValues(a.cursor(), b.cursor());
    if (byCursor != 0) {
      return byCursor;
    }
    if (a.inclusive() || b.inclusive()) {
      return Boolean.compare(!a.inclusive(), !b.inclusive());
    }
    for (int i = 0; i < Math.min(a.key().size(), b.key().size()); i++) {
      int byPart = compareValues(a.key().get(i), b.key().get(i));
      if (byPart != 0) {
        return byPart;
      }
    }
    return Integer.compare(a.key().size(), b.key().size());
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return java.util.Arrays.compareUnsigned(x, y);
    }
    if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
      return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString()));
    }
    return ((Comparable) a).compareTo(b);
  }

  /** The state text of {@code position}. */
  public static StoredPosition store(TableSchema schema, CursorPosition position) {
    String cursor = CursorCodec.encode(position.cursor(), schema.cursorColumn().type());
    List<String> key = new ArrayList<>(position.key().size());
    for (int i = 0; i < position.key().size(); i++) {
      key.add(CursorCodec.encode(position.key().get(i), schema.column(schema.primaryKey().get(i)).type()));
    }
    return new StoredPosition(schema.cursor().orElseThrow(), cursor, key);
  }
}
