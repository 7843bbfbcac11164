package io.tidbsync.destination.fivetran;

import fivetran_sdk.v2.Table;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table definitions Fivetran was last told of by this connector, as a digest per table, so an
 * Update sends a {@code SchemaChange} exactly when a table's columns, types or key differ from
 * them (a column added or widened at the source, a column selection changed). Kept in the
 * checkpoint under {@link #STATE_KEY}.
 */
public final class DeclaredSchemas implements StateEntry {
  public static final String STATE_KEY = "tidbsync_fivetran_schemas";

  private final Map<String, String> digests = new TreeMap<>();

  /** The table's definition digest (SHA-256 of its protobuf encoding, hex). */
  static String digest(Table table) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(table.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** True when Fivetran was last told of exactly this definition. */
  public synchronized boolean declared(Table table) {
    return digest(table).equals(digests.get(table.getName()));
  }

  /** Records a definition once its {@code SchemaChange} is on the stream. */
  public synchronized void sent(Table table) {
    digests.put(table.getName(), digest(table));
  }

  @Override
  public String key() {
    return STATE_KEY;
  }

  @Override
  public synchronized boolean isEmpty() {
    return digests.isEmpty();
  }

  @Override
  public synchronized String toJson() {
    return StringMapJson.write(digests);
  }

  @Override
  public void restore(String json) {
    Map<String, String> read = StringMapJson.read(json, STATE_KEY);
    synchronized (this) {
      digests.clear();
      digests.putAll(read);
    }
  }
}
