package io.tidbsync.destination.jdbc;

import java.util.Optional;
import java.util.UUID;

/**
 * The identity tidb-sync gives each table it creates in a SQL destination, kept as the table's
 * comment ({@code tidb-sync table <uuid>}): invisible in the data, carried along when the table is
 * renamed, gone when it is dropped. A table without it was not made by tidb-sync.
 */
public final class TableMarks {
  private static final String PREFIX = "tidb-sync table ";

  private TableMarks() {}

  public static String newIdentity() {
    return UUID.randomUUID().toString();
  }

  /** The comment to set on a table with this identity (a UUID: safe as an SQL string literal). */
  public static String commentLiteral(String identity) {
    UUID.fromString(identity);
    return "'" + PREFIX + identity + "'";
  }

  /** The identity a table's comment holds, if tidb-sync wrote it. */
  public static Optional<String> identityIn(String comment) {
    if (comment == null || !comment.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return Optional.of(comment.substring(PREFIX.length()).trim());
  }
}
