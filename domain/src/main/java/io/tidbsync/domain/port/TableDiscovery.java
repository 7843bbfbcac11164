package io.tidbsync.domain.port;

import static java.util.Objects.requireNonNull;

import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;

/** What describing one requested table gave: its schema, or why it cannot be synced. */
public sealed interface TableDiscovery {
  TableId table();

  record Described(TableSchema schema) implements TableDiscovery {
    public Described {
      requireNonNull(schema, "schema is null");
    }

    @Override
    public TableId table() {
      return schema.table();
    }
  }

  record Undescribable(TableId table, String reason) implements TableDiscovery {
    public Undescribable {
      requireNonNull(table, "table is null");
      requireNonNull(reason, "reason is null");
    }
  }
}
