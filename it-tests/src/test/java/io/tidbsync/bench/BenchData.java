package io.tidbsync.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The benchmark's reproducible data. Row {@code i} of a table depends only on the seed and
 * {@code i}, so the same rows can be loaded into the source (LOAD DATA LOCAL INFILE, streamed) and
 * pre-built in memory for the destination baseline.
 *
 * <p>Table A (about 200 bytes a row): {@code id BIGINT} key, {@code created_at DATETIME(6)}
 * indexed and rising with the key (pairs share a timestamp), a name, an INT, a DECIMAL(12,2), a
 * DOUBLE, a JSON object, a nullable DATETIME, a TINYINT(1) and a note. Table B: a key, a
 * created_at, a label and a 768-float embedding as TiDB's vector text.
 */
final class BenchData {
  static final LocalDateTime BASE = LocalDateTime.of(2024, 1, 1, 0, 0);
  static final String SPEC_VERSION = "2";
  private static final String[] WORDS = {"alpha", "bravo", "delta", "kilo", "lima", "oscar", "quebec", "sierra",
      "tango", "victor", "zulu", "north", "south", "river", "stone", "amber", "cobalt", "ember"};

  private BenchData() {}

  static String createA(String table) {
    return "CREATE TABLE `" + table + "` (id BIGINT NOT NULL PRIMARY KEY, created_at DATETIME(6) NOT NULL, "
        + "name VARCHAR(64) NOT NULL, qty INT, price DECIMAL(12,2), score DOUBLE, attrs JSON, shipped_at DATETIME, "
        + "active TINYINT(1), note VARCHAR(160), KEY idx_created_at (created_at))";
  }

  static String createB(String table, int dimension) {
    return "CREATE TABLE `" + table + "` (id BIGINT NOT NULL PRIMARY KEY, created_at DATETIME(6) NOT NULL, "
        + "label VARCHAR(32), embedding LONGTEXT, KEY idx_created_at (created_at))";
  }

  /** One row of table A as normalized Java values, in column order (the destination baseline's input). */
  static Object[] rowA(long seed, long i) {
    SplittableRandom r = new SplittableRandom(seed * 1_000_003L + i);
    LocalDateTime created = createdAt(i);
    Object[] row = new Object[10];
    row[0] = i;
    row[1] = created;
    row[2] = "customer-" + Long.toHexString(r.nextLong() & 0xffffffffffL) + "-" + (i % 977);
    row[3] = r.nextInt(10_000);
    row[4] = BigDecimal.valueOf(r.nextLong(100_000_000L), 2);
    row[5] = r.nextInt(1_000_000) / 1000.0;
    row[6] = "{\"k\":" + r.nextInt(1000) + ",\"tag\":\"" + WORDS[r.nextInt(WORDS.length)] + "\",\"flags\":["
        + r.nextInt(9) + "," + r.nextInt(9) + "]}";
    row[7] = r.nextInt(10) == 0 ? null : created.plusHours(1 + r.nextInt(200)).withNano(0);
    row[8] = r.nextBoolean();
    StringBuilder note = new StringBuilder(100);
    int words = 8 + r.nextInt(8);
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        note.append(' ');
      }
      note.append(WORDS[r.nextInt(WORDS.length)]);
    }
    row[9] = note.toString();
    return row;
  }

  static LocalDateTime createdAt(long i) {
    // Pairs of rows share a timestamp (cursor ties); some carry microseconds.
    return BASE.plusSeconds((i / 2) * 11).plusNanos(i % 7 == 0 ? 123_456_000L : 0L);
  }

  /** One row of table B as normalized Java values (the destination baseline's input). */
  static Object[] rowB(long seed, long i, int dimension) {
    SplittableRandom r = new SplittableRandom(seed * 7_000_003L + i);
    float[] values = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      values[d] = r.nextInt(-999_999, 1_000_000) / 1e6f;
    }
    return new Object[] {i, createdAt(i * 20), "spot-" + (i % 1000), values};
  }

  /** Embedding of row i: {@code dimension} floats of six decimals in [-1, 1]. */
  static void embedding(long seed, long i, int dimension, StringBuilder out) {
    SplittableRandom r = new SplittableRandom(seed * 7_000_003L + i);
    out.append('[');
    for (int d = 0; d < dimension; d++) {
      if (d > 0) {
        out.append(',');
      }
      int micros = r.nextInt(-999_999, 1_000_000);
      if (micros < 0) {
        out.append('-');
        micros = -micros;
      }
      out.append("0.");
      String digits = Integer.toString(micros);
      for (int pad = digits.length(); pad < 6; pad++) {
        out.append('0');
      }
      out.append(digits);
    }
    out.append(']');
  }

  /** Loads rows [from, to] of table A into {@code table}, streamed through LOAD DATA LOCAL INFILE. */
  static void loadA(Connection c, String table, long seed, long from, long to) throws SQLException {
    load(c, table, "(id, created_at, name, qty, price, score, attrs, @shipped, active, note) "
        + "SET shipped_at = NULLIF(@shipped, '')", out -> {
          StringBuilder line = new StringBuilder(256);
          for (long i = from; i <= to; i++) {
            Object[] row = rowA(seed, i);
            line.setLength(0);
            for (int col = 0; col < row.length; col++) {
              if (col > 0) {
                line.append('\t');
              }
              Object v = row[col];
              if (v instanceof LocalDateTime t) {
                line.append(t.toLocalDate()).append(' ').append(t.toLocalTime());
              } else if (v instanceof Boolean b) {
                line.append(b ? '1' : '0');
              } else if (v != null) {
                line.append(v);
              }
            }
            line.append('\n');
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
          }
        });
  }

  /** Loads rows [from, to] of table B. */
  static void loadB(Connection c, String table, long seed, long from, long to, int dimension) throws SQLException {
    load(c, table, "(id, created_at, label, embedding)", out -> {
      StringBuilder line = new StringBuilder(dimension * 10 + 64);
      for (long i = from; i <= to; i++) {
        line.setLength(0);
        LocalDateTime t = createdAt(i * 20);
        line.append(i).append('\t').append(t.toLocalDate()).append(' ').append(t.toLocalTime())
            .append('\t').append("spot-").append(i % 1000).append('\t');
        embedding(seed, i, dimension, line);
        line.append('\n');
        out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
      }
    });
  }

  interface Writer {
    void write(OutputStream out) throws IOException;
  }

  private static void load(Connection c, String table, String columns, Writer writer) throws SQLException {
    PipedInputStream in = new PipedInputStream(1 << 20);
    AtomicReference<Exception> failure = new AtomicReference<>();
    Thread producer;
    try {
      PipedOutputStream pipe = new PipedOutputStream(in);
      producer = Thread.ofPlatform().name("bench-data").start(() -> {
        try (OutputStream out = new java.io.BufferedOutputStream(pipe, 1 << 20)) {
          writer.write(out);
        } catch (Exception e) {
          failure.set(e);
        }
      });
    } catch (IOException e) {
      throw new SQLException(e);
    }
    try (Statement st = c.createStatement()) {
      st.unwrap(com.mysql.cj.jdbc.JdbcStatement.class).setLocalInfileInputStream(in);
      st.execute("LOAD DATA LOCAL INFILE 'stream' INTO TABLE `" + table + "` CHARACTER SET utf8mb4 "
          + "FIELDS TERMINATED BY '\\t' ESCAPED BY '' LINES TERMINATED BY '\\n' " + columns);
    }
    try {
      producer.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw new SQLException("generating rows for " + table + " failed", failure.get());
    }
  }

  static long count(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM `" + table + "`")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
