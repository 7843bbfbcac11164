package io.tidbsync.destination.fivetran;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Fivetran already holds, row by row, so an Update does not send a row again unchanged (every
 * row sent counts toward the customer's monthly active rows). Per table, the latest rows sent, as
 * a 64-bit digest of the key mapped to a 64-bit digest of the whole record; a row is left out only
 * when its key's latest digest equals its own. A row that went A, then B, then back to A is sent
 * again, since B was the latest.
 *
 * <p>Bounded: each table keeps its {@code perTable} latest keys; older ones are forgotten, and a
 * forgotten row is simply sent again. A table truncated in Fivetran is forgotten whole. A digest
 * is recorded only after its record was handed to the stream, so a checkpoint never names a row
 * Fivetran has not been sent before it. Kept in the checkpoint's state under {@link #STATE_KEY},
 * as base64 of (key digest, row digest) pairs, oldest first.
 */
public final class SentRows implements StateEntry {
  /** The top-level state key; the rest of the state is the state file's layout. */
  public static final String STATE_KEY = "tidbsync_fivetran_sent";

  /** Keys kept per table by default: 16 bytes each, about 107 KB of state per table when full. */
  public static final int PER_TABLE = 5_000;

  /** Keys kept across all tables, about 1 MB of state: with many tables, each keeps fewer. */
  public static final int TOTAL = 65_000;

  private int perTable;
  private final Map<String, LinkedHashMap<Long, Long>> tables = new HashMap<>();
  /** Each table's encoded pairs, kept until the table changes: a checkpoint re-encodes only what changed. */
  private final Map<String, String> encoded = new HashMap<>();

  /** @param perTable the most keys kept per table, at least 1 */
  public SentRows(int perTable) {
    if (perTable < 1) {
      throw new IllegalArgumentException("perTable must be at least 1, got " + perTable);
    }
    this.perTable = perTable;
  }

  /** The keys kept per table when an Update syncs this many tables: {@link #PER_TABLE}, less when many share {@link #TOTAL}. */
  public static int perTableFor(int tableCount) {
    return Math.max(100, Math.min(PER_TABLE, TOTAL / Math.max(1, tableCount)));
  }

  /** Keeps at most this many keys per table from now on, each table's oldest forgotten first. */
  public synchronized void limit(int keysPerTable) {
    if (keysPerTable < 1) {
      throw new IllegalArgumentException("keysPerTable must be at least 1, got " + keysPerTable);
    }
    perTable = keysPerTable;
    tables.forEach((table, sent) -> {
      if (sent.size() > perTable) {
        Iterator<Long> oldest = sent.keySet().iterator();
        for (int extra = sent.size() - perTable; extra > 0; extra--) {
          oldest.next();
          oldest.remove();
        }
        encoded.remove(table);
      }
    });
  }

  @Override
  public String key() {
    return STATE_KEY;
  }

  @Override
  public synchronized boolean isEmpty() {
    return tables.isEmpty();
  }

  /** True when the latest record sent for this key had exactly this digest. */
  public synchronized boolean unchanged(String table, long key, long record) {
    LinkedHashMap<Long, Long> sent = tables.get(table);
    Long last = sent == null ? null : sent.get(key);
    return last != null && last == record;
  }

  /** Records a row handed to the stream; the key becomes the table's newest. */
  public synchronized void sent(String table, long key, long record) {
    LinkedHashMap<Long, Long> sent = tables.computeIfAbsent(table, t -> new LinkedHashMap<>());
    sent.remove(key);
    sent.put(key, record);
    if (sent.size() > perTable) {
      Iterator<Long> oldest = sent.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    encoded.remove(table);
  }

  /** Fivetran no longer holds the table's rows live (a TRUNCATE, a DELETE): nothing may be left out. */
  public synchronized void forget(String table) {
    tables.remove(table);
    encoded.remove(table);
  }

  public synchronized int size(String table) {
    LinkedHashMap<Long, Long> sent = tables.get(table);
    return sent == null ? 0 : sent.size();
  }

  /** The state entry's JSON: {@code {"table": "base64 of pairs", ...}}, tables in name order. */
  @Override
  public synchronized String toJson() {
    for (String table : tables.keySet()) {
      encoded.computeIfAbsent(table, t -> encode(tables.get(t)));
    }
    return StringMapJson.write(encoded);
  }

  private static String encode(LinkedHashMap<Long, Long> sent) {
    ByteBuffer bytes = ByteBuffer.allocate(sent.size() * 16);
    sent.forEach((key, record) -> bytes.putLong(key).putLong(record));
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  /**
   * Restores a state entry written by {@link #toJson()}, keeping each table's newest
   * {@code perTable} keys.
   *
   * @throws IllegalArgumentException when the entry is not of that shape; the message says where
   */
  public static SentRows fromJson(String json, int perTable) {
    SentRows rows = new SentRows(perTable);
    rows.restore(json);
    return rows;
  }

  /**
   * Replaces what this holds with a state entry written by {@link #toJson()}; nothing is changed
   * when the entry is not of that shape.
   *
   * @throws IllegalArgumentException when the entry is not of that shape; the message says where
   */
  @Override
  public void restore(String json) {
    SentRows rows = new SentRows(perTable);
    for (Map.Entry<String, String> entry : StringMapJson.read(json, STATE_KEY).entrySet()) {
      String table = entry.getKey();
      byte[] pairs;
      try {
        pairs = Base64.getDecoder().decode(entry.getValue());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(STATE_KEY + "." + table + " is not base64: " + e.getMessage());
      }
      if (pairs.length % 16 != 0) {
        throw new IllegalArgumentException(STATE_KEY + "." + table + " holds " + pairs.length
            + " bytes, not whole (key, row) digest pairs of 16");
      }
      ByteBuffer buffer = ByteBuffer.wrap(pairs);
      while (buffer.hasRemaining()) {
        rows.sent(table, buffer.getLong(), buffer.getLong());
      }
    }
    synchronized (this) {
      tables.clear();
      encoded.clear();
      tables.putAll(rows.tables);
    }
  }
}
