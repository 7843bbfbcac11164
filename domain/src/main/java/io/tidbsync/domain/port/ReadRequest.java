package io.tidbsync.domain.port;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.model.CursorPosition;
import io.tidbsync.domain.model.TableSchema;
import java.util.Optional;

/**
 * One keyset page: at most {@code limit} rows of {@code schema}'s table strictly after
 * {@code after} (inclusive of its cursor value when it has no key), in ascending (cursor, primary
 * key) order; rows whose cursor is NULL are not part of it.
 */
public record ReadRequest(TableSchema schema, Optional<CursorPosition> after, int limit) {
  public ReadRequest {
    requireNonNull(schema, "schema is null");
    requireNonNull(after, "after is null");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    if (schema.cursor().isEmpty()) {
      throw new IllegalArgumentException("table " + schema.table() + " has no cursor column");
    }
    if (schema.primaryKey().isEmpty()) {
      throw new IllegalArgumentException("table " + schema.table() + " has no primary key");
    }
    after.ifPresent(
        position -> {
          if (!position.inclusive() && position.key().size() != schema.primaryKey().size()) {
            throw new IllegalArgumentException(
                "table "
                    + schema.table()
                    + ": position has "
                    + position.key().size()
                    + " key values for a "
                    + schema.primaryKey().size()
                    + "-column primary key");
          }
        });
  }
}
