package io.tidbsync.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The performance benchmark ({@code scripts/bench}): generates table A (rows of about 200 bytes)
 * and table B (768-float vectors) in the source, measures the source-read and destination-write
 * baselines on them, runs the fat jar's full and incremental syncs, and reports rows/s, MB/s,
 * peak RSS and the ratio to the slower baseline as a table, JSON and a PNG chart.
 */
public final class Bench {
  private final Map<String, String> options;
  private final long seed;
  private final long rowsA;
  private final long rowsSmall;
  private final long rowsB;
  private final int dimension;
  private final String heap;
  private final Path out;
  private final Path jar;
  private final String url;
  private final List<String> only;
  /** The peers raced on every table ({@code --peers all|fast|none}), and how to run them. */
  private final List<String> peerNames;
  private final Peers peers;
  /** PostgreSQL for the destination-side measurements, when scripts/bench --postgres 1 started it. */
  private final PostgresLimit postgres;
  /** Every target of the run: judged in each round as it goes, and on the medians at the end ({@link #checks}). */
  private final Targets targets = new Targets();
  /** Each table's rows at its full sync, so an incremental line counts the rows new since. */
  private final java.util.Map<String, Long> fullRows = new java.util.HashMap<>();

  private Bench(Map<String, String> options) {
    this.options = options;
    this.seed = Long.parseLong(options.getOrDefault("seed", "42"));
    this.rowsA = Long.parseLong(options.getOrDefault("rows", "5000000"));
    this.rowsSmall = Long.parseLong(options.getOrDefault("small-rows", Long.toString(Math.max(1, rowsA / 5))));
    this.rowsB = Long.parseLong(options.getOrDefault("vector-rows", "200000"));
    this.dimension = Integer.parseInt(options.getOrDefault("dimension", "768"));
    this.heap = options.getOrDefault("heap", ""); // empty: the launcher's default
    this.out = Path.of(options.getOrDefault("out", "bench-results/" + options.getOrDefault("server", "mariadb")))
        .toAbsolutePath();
    this.jar = Path.of(options.getOrDefault("jar", "app/target/tidb-sync.jar")).toAbsolutePath();
    this.url = System.getenv("TIDBSYNC_BENCH_SOURCE_URL") != null ? System.getenv("TIDBSYNC_BENCH_SOURCE_URL")
        : System.getenv("TIDBSYNC_IT_MARIADB_URL");
    this.only = List.of(options.getOrDefault("only", "a,b").split(","));
    String peerChoice = options.getOrDefault("peers", "all");
    Path peersDir = Peers.venvFromEnvironment();
    this.peerNames = peersDir == null || peerChoice.equals("none") || peerChoice.equals("0") ? List.of()
        : peerChoice.equals("fast") ? Peers.FAST : peerChoice.equals("sling") ? List.of("sling") : Peers.ALL;
    this.peers = peerNames.isEmpty() ? null : new Peers(peersDir, url);
    this.postgres = PostgresLimit.fromEnvironment();
    if (url == null) {
      throw new IllegalStateException("TIDBSYNC_BENCH_SOURCE_URL is not set; run the benchmark with scripts/bench");
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> settings = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: --server mariadb|tidb --rows N --small-rows N --vector-rows N --dimension N --heap 256m "
            + "--out DIR --only a,b --set KEY=VALUE --jfr 1 --ranged 0|1 --repeat N --peers all|fast|sling|none; got " + args[i]);
      }
      String key = args[i].substring(2);
      if (key.equals("set")) {
        settings.add(args[++i]);
      } else {
        options.put(key, args[++i]);
      }
    }
    options.put("set", String.join("\n", settings));
    new Bench(options).run();
  }

  private Connection connect(String database) throws SQLException {
    String base = url.replace("/?", "/" + database + "?");
    return DriverManager.getConnection(base + "&allowLoadLocalInfile=true&useCursorFetch=false");
  }

  private void run() throws Exception {
    Files.createDirectories(out);
    ObjectNode results = new ObjectMapper().createObjectNode();
    results.set("machine", machine());
    ObjectNode params = results.putObject("parameters");
    params.put("rowsA", rowsA).put("rowsSmall", rowsSmall).put("rowsB", rowsB).put("dimension", dimension)
        .put("heap", heap.isEmpty() ? "launcher default" : heap).put("seed", seed).put("settings", options.get("set"))
        .put("server", options.getOrDefault("server", "mariadb"));
    try (Connection admin = connect("")) {
      try (Statement st = admin.createStatement()) {
        st.execute("CREATE DATABASE IF NOT EXISTS bench");
      }
    }
    int repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
    params.put("repeat", repeat);
    List<List<Line>> rounds = new ArrayList<>();
    List<SyncRun> runs = new ArrayList<>();
    try (Connection c = connect("bench")) {
      ensureData(c);
      // The launcher's one-time work for a new jar build (its fast-start layout, the class-data
      // archive of the sync command) is done here, so no measured run pays it; on a table this run
      // generated (--only b has no a_small).
      System.err.println("bench: warming up the launcher");
      sync("warm-up-launcher", only.contains("a") ? "a_small" : "b", true);
      for (int round = 1; round <= repeat; round++) {
        if (repeat > 1) {
          System.err.println("bench: round " + round + " of " + repeat);
        }
        List<Line> roundLines = new ArrayList<>();
        // The chart's memory curves are the last round's.
        runs.clear();
        if (only.contains("a")) {
          benchA(c, roundLines, runs);
        }
        if (only.contains("b")) {
          benchB(c, roundLines, runs);
        }
        rounds.add(roundLines);
      }
    }
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < rounds.get(0).size(); i++) {
      List<Line> same = new ArrayList<>();
      for (List<Line> round : rounds) {
        same.add(round.get(i));
      }
      lines.add(Line.median(same));
    }
    ArrayNode table = results.putArray("results");
    for (Line line : lines) {
      ObjectNode node = table.addObject();
      node.put("measurement", line.name).put("rows", line.rows).put("seconds", line.seconds)
          .put("rowsPerSecond", line.rows / line.seconds).put("megabytesPerSecond", line.bytes / line.seconds / 1e6);
      if (line.peakRss > 0) {
        node.put("peakRssMegabytes", line.peakRss / 1048576.0);
      }
      if (!Double.isNaN(line.ratio)) {
        node.put("ratioToSlowerBaseline", line.ratio);
      }
      if (line.note != null) {
        node.put("note", line.note);
      }
      if (line.eachRun.length > 1) {
        ArrayNode each = node.putArray("rowsPerSecondEachRun");
        for (double rate : line.eachRun) {
          each.add(rate);
        }
      }
    }
    checks(lines);
    targets.writeTo(results.putObject("targets"), results.putArray("targetTable"));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), results);
    BenchChart.write(out.resolve("bench.png"), lines, runs);
    print(lines);
    targets.print(System.out);
    System.out.println("results: " + out.resolve("results.json") + ", chart: " + out.resolve("bench.png"));
  }

  /**
   * Generates the tables this run measures, each once for its parameters: table a (with a_small)
   * and table b are kept apart, so {@code --only b} neither generates nor waits for a.
   */
  private void ensureData(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS _bench_meta (k VARCHAR(32) PRIMARY KEY, v VARCHAR(200))");
      if (only.contains("a")) {
        String spec = String.join(" ", BenchData.SPEC_VERSION, Long.toString(seed), Long.toString(rowsA),
            Long.toString(rowsSmall));
        if (generated(st, "spec_a", spec)) {
          st.execute("DELETE FROM a WHERE id > " + rowsA);
        } else {
          System.err.println("bench: generating " + rowsA + " rows of a and " + rowsSmall + " of a_small");
          long start = System.nanoTime();
          for (String t : List.of("a", "a_small")) {
            st.execute("DROP TABLE IF EXISTS `" + t + "`");
          }
          st.execute(BenchData.createA("a"));
          st.execute(BenchData.createA("a_small"));
          BenchData.loadA(c, "a", seed, 1, rowsA);
          st.execute("INSERT INTO a_small SELECT * FROM a WHERE id <= " + rowsSmall);
          st.execute("ANALYZE TABLE a, a_small");
          markGenerated(st, "spec_a", spec, start);
        }
      }
      if (only.contains("b")) {
        String spec = String.join(" ", BenchData.SPEC_VERSION, Long.toString(seed), Long.toString(rowsB),
            Integer.toString(dimension));
        if (!generated(st, "spec_b", spec)) {
          System.err.println("bench: generating " + rowsB + " rows of b (" + dimension + " dimensions)");
          long start = System.nanoTime();
          st.execute("DROP TABLE IF EXISTS `b`");
          st.execute(BenchData.createB("b", dimension));
          BenchData.loadB(c, "b", seed, 1, rowsB, dimension);
          st.execute("ANALYZE TABLE b");
          markGenerated(st, "spec_b", spec, start);
        }
      }
    }
  }

  private static boolean generated(Statement st, String key, String spec) throws SQLException {
    try (ResultSet rs = st.executeQuery("SELECT v FROM _bench_meta WHERE k = '" + key + "'")) {
      if (rs.next() && spec.equals(rs.getString(1))) {
        System.err.println("bench: " + key.substring(5) + " already generated (" + spec + ")");
        return true;
      }
    }
    return false;
  }

  private static void markGenerated(Statement st, String key, String spec, long start) throws SQLException {
    System.err.printf(Locale.ROOT, "bench: generated in %.0f s%n", (System.nanoTime() - start) / 1e9);
    st.execute("DELETE FROM _bench_meta WHERE k = '" + key + "'");
    st.execute("INSERT INTO _bench_meta VALUES ('" + key + "', '" + spec + "')");
  }

  private void benchA(Connection c, List<Line> lines, List<SyncRun> runs) throws Exception {
    // Warm the JIT (and the buffer pool) so the baselines measure the steady state, as a sync of
    // millions of rows reaches it.
    System.err.println("bench: warming up");
    Baselines.sourceRead(c, "a_small");
    Baselines.duckDbAppend(out.resolve("baseline-append.duckdb"), seed, Math.min(rowsSmall, 200_000), 0);
    System.err.println("bench: baseline, source read of a");
    Baselines.Measured read = Baselines.sourceRead(c, "a");
    lines.add(new Line("baseline: source read a", read.rows(), read.bytes(), read.seconds()));
    System.err.println("bench: source read of a through a server-side cursor, for comparison");
    try (Connection cursor = DriverManager.getConnection(url.replace("/?", "/bench?")
        + "&useCursorFetch=true&useServerPrepStmts=true")) {
      Baselines.Measured fetched = Baselines.sourceRead(cursor, "a", 10_000);
      Line line = new Line("compare: source read a, cursor fetch 10000", fetched.rows(), fetched.bytes(), fetched.seconds());
      line.note = String.format(Locale.ROOT, "%.2fx the row-by-row streaming read, which the source adapter uses",
          fetched.rowsPerSecond() / read.rowsPerSecond());
      lines.add(line);
    }
    System.err.println("bench: baseline, DuckDB appender load of a");
    Baselines.Measured write = Baselines.duckDbAppend(out.resolve("baseline-append.duckdb"), seed, rowsA, read.bytes());
    lines.add(new Line("baseline: DuckDB append a", write.rows(), write.bytes(), write.seconds()));
    System.err.println("bench: limit, DuckDB's own ingest of a from Parquet");
    Baselines.Measured ingest = Baselines.duckDbIngestFromParquet(out.resolve("baseline-append.duckdb"), "a",
        out.resolve("baseline-ingest.duckdb"), read.bytes());
    lines.add(limitLine("a", ingest, read));
    Files.deleteIfExists(out.resolve("baseline-append.duckdb"));
    double slower = Math.min(read.rowsPerSecond(), write.rowsPerSecond());
    lines.add(cpuShare("a", read, write, slower));
    bothBaselinesCpuPerRow = read.cpuPerRow() + write.cpuPerRow();

    long smallBytes = Math.round(read.bytes() * (double) rowsSmall / rowsA);
    SyncRun small = sync("sync-a-small", "a_small", true);
    runs.add(small);
    lines.add(syncLine("sync a_small (full, " + rowsSmall + " rows)", small, smallBytes, slower));

    SyncRun full = sync("sync-a", "a", true);
    runs.add(full);
    lines.add(syncLine("sync a (full)", full, read.bytes(), slower));
    targets.atMost("syncA_wall_at_most_read_plus_ingest_limits", "a full into DuckDB: wall <= read limit + ingest limit",
        full.wallSeconds(), read.seconds() + ingest.seconds(), "s");
    racePeers(c, "a", "full", full, true, lines);
    if (postgres != null) {
      benchPostgres(c, lines, read);
    }

    if (!options.getOrDefault("ranged", "1").equals("0")) {
      SyncRun ranged = sync("sync-a-ranged", "a", true, "PARALLELISM=2");
      runs.add(ranged);
      lines.add(syncLine("sync a (full, key ranges, 2 at a time)", ranged, read.bytes(), slower));
    }

    // The first run after the full one takes both JIT compilers (the launcher goes by the last
    // run's length: bin/tidb-sync); a scheduled sync's later incremental runs take C1 alone. The
    // measured incremental is such a later one; this first one is shown on its own line.
    SyncRun settle = sync("sync-a", "a", false);
    runs.add(new SyncRun("sync-a-first-incremental", settle.exitCode(), settle.wallSeconds(), settle.workSeconds(),
        settle.peakRssBytes(), settle.rssCurve(), settle.report(), settle.cpuSeconds(), settle.serverCpuSeconds()));
    lines.add(syncLine("sync a (first incremental after the full, nothing new)", settle, 0, Double.NaN));
    try (Statement st = c.createStatement()) {
      st.execute("INSERT INTO a SELECT id + " + rowsA + ", UTC_TIMESTAMP(6) - INTERVAL 60 SECOND, name, qty, price, "
          + "score, attrs, shipped_at, active, note FROM a WHERE id <= 1000");
    }
    SyncRun incremental = sync("sync-a", "a", false);
    runs.add(new SyncRun("sync-a-incremental", incremental.exitCode(), incremental.wallSeconds(),
        incremental.workSeconds(), incremental.peakRssBytes(), incremental.rssCurve(), incremental.report(),
        incremental.cpuSeconds(), incremental.serverCpuSeconds()));
    lines.add(syncLine("sync a (incremental, 1000 new rows)", incremental, 0, Double.NaN));
    racePeers(c, "a", "incremental", incremental, false, lines);
    try (Statement st = c.createStatement()) {
      st.execute("DELETE FROM a WHERE id > " + rowsA);
    }
  }

  private void benchB(Connection c, List<Line> lines, List<SyncRun> runs) throws Exception {
    System.err.println("bench: baseline, source read of b");
    Baselines.sourceRead(c, "b");
    Baselines.Measured read = Baselines.sourceRead(c, "b");
    lines.add(new Line("baseline: source read b", read.rows(), read.bytes(), read.seconds()));
    System.err.println("bench: DuckDB appender load of b, for comparison");
    Baselines.Measured write = Baselines.duckDbAppendVectors(out.resolve("baseline-append-b.duckdb"), seed, rowsB,
        dimension, read.bytes());
    System.err.println("bench: limit, DuckDB's own ingest of b from Parquet");
    Baselines.Measured ingest = Baselines.duckDbIngestFromParquet(out.resolve("baseline-append-b.duckdb"), "b",
        out.resolve("baseline-ingest-b.duckdb"), read.bytes());
    lines.add(limitLine("b", ingest, read));
    Files.deleteIfExists(out.resolve("baseline-append-b.duckdb"));
    Line append = new Line("compare: DuckDB append b", write.rows(), write.bytes(), write.seconds());
    append.note = "the destination's limit for vectors; the target for b is set against the source read";
    lines.add(append);
    lines.add(cpuShare("b", read, write, read.rowsPerSecond()));
    bothBaselinesCpuPerRow = read.cpuPerRow() + write.cpuPerRow();
    SyncRun full = sync("sync-b", "b", true);
    runs.add(full);
    Line sync = syncLine("sync b (full, vectors)", full, read.bytes(), read.rowsPerSecond());
    targets.atMost("syncB_wall_at_most_read_plus_ingest_limits", "b full into DuckDB: wall <= read limit + ingest limit",
        full.wallSeconds(), read.seconds() + ingest.seconds(), "s");
    sync.note += String.format(Locale.ROOT, "; %.2f of the DuckDB append of b",
        (full.rowsRead() / full.workSeconds()) / write.rowsPerSecond());
    lines.add(sync);
    racePeers(c, "b", "full", full, true, lines);
  }

  /** The write limit's line, with the sum of the two limits a full sync's wall time is held to. */
  private static Line limitLine(String table, Baselines.Measured ingest, Baselines.Measured read) {
    Line line = new Line("limit: DuckDB ingest " + table + " from Parquet", ingest.rows(), ingest.bytes(), ingest.seconds());
    line.note = String.format(Locale.ROOT, "%.1f CPU-s; with the source read, %.2f s: the most a full sync of %s may take",
        ingest.cpuSeconds(), read.seconds() + ingest.seconds(), table);
    return line;
  }

  /**
   * Checks tidb-sync's copy of the table against the source (row count and checksum), then runs
   * each peer on the same table into its own DuckDB file ({@code fresh}: a full copy; otherwise
   * the incremental run after the full one) and checks its copy the same way. A peer line gives
   * its wall time, CPU and peak RSS, and how tidb-sync's process wall time compares; a peer whose
   * copy differs from the source is shown as wrong and never as faster.
   */
  private void racePeers(Connection c, String table, String what, SyncRun ours, boolean fresh, List<Line> lines)
      throws Exception {
    Checksum source = Checksum.ofSource(c, table);
    Path ourFile = out.resolve("runs").resolve("sync-" + table).resolve("warehouse.duckdb");
    Checksum mine = Checksum.ofDuckDb(ourFile, "bench." + table, table);
    // The verdict goes with the sync line just added: tidb-sync's copy is checked like every peer's.
    Line oursLine = lines.get(lines.size() - 1);
    oursLine.note += "; " + verdict(source, mine) + "; stored as " + Types.of(ourFile, "bench." + table);
    if (fresh) {
      fullRows.put(table, source.rows());
    }
    targets.holds("tidbsync_" + table + "_" + what + "_equal_to_source",
        "tidb-sync's copy of " + table + " (" + what + ") equal to the source", mine.equals(source));
    for (String peer : peerNames) {
      String slug = peer.replace(' ', '-');
      Peers.Run run = peers.run(peer, table, out.resolve("peers").resolve(slug + "-" + table), fresh);
      Checksum theirs = Checksum.ofDuckDb(run.duckdb(), run.qualifiedTable(), table);
      boolean equal = theirs.equals(source);
      // An incremental run is labelled with the rows that were new since the full one.
      long rows = fresh ? source.rows() : source.rows() - fullRows.getOrDefault(table, 0L);
      Line line = new Line("peer " + peer + ": " + table + " (" + what + ")", rows, 0, run.wallSeconds());
      line.peakRss = run.peakRssBytes();
      double times = run.wallSeconds() / ours.wallSeconds();
      line.note = String.format(Locale.ROOT, "process wall %.2f s, CPU %.2f s; ", run.wallSeconds(), run.cpuSeconds())
          + (equal ? String.format(Locale.ROOT, "tidb-sync (wall %.2f s) is %.2f× %s", ours.wallSeconds(),
              times >= 1 ? times : 1 / times, times >= 1 ? "faster" : "slower")
              : "WRONG, so not compared: " + verdict(source, theirs))
          + "; stored as " + Types.of(run.duckdb(), run.qualifiedTable());
      // The ratio column of a peer line: its wall time over tidb-sync's (above 1: tidb-sync is faster).
      line.ratio = equal ? times : Double.NaN;
      lines.add(line);
      targets.holds(slug + "_" + table + "_" + what + "_equal_to_source",
          peer + "'s copy of " + table + " (" + what + ") equal to the source", equal);
    }
  }

  /**
   * A full sync of a into PostgreSQL, checked against the source, and psql's {@code \copy} of the
   * same rows into a keyed table of the same shape (the write limit for that destination).
   */
  private void benchPostgres(Connection c, List<Line> lines, Baselines.Measured read) throws Exception {
    System.err.println("bench: sync-a-postgres (full)");
    postgres.reset();
    SyncRun pg = sync("sync-a-postgres", "a", true, postgres.syncSettings());
    Line line = syncLine("sync a (full, into PostgreSQL)", pg, read.bytes(), Double.NaN);
    Checksum source = Checksum.ofSource(c, "a");
    Checksum copy = postgres.checksum("a");
    line.note += "; " + verdict(source, copy);
    lines.add(line);
    targets.holds("tidbsync_a_postgres_equal_to_source", "tidb-sync's copy of a in PostgreSQL equal to the source",
        copy.equals(source));
    System.err.println("bench: limit, psql \\copy of a into PostgreSQL");
    Baselines.Measured copied = postgres.copyLimit("a", out.resolve("postgres"), read.bytes());
    Line limit = new Line("limit: psql \\copy a into PostgreSQL", copied.rows(), copied.bytes(), copied.seconds());
    limit.note = String.format(Locale.ROOT, "into a table LIKE tidb-sync's, primary key included; with the source "
        + "read, %.2f s: the most a full sync of a into PostgreSQL may take", read.seconds() + copied.seconds());
    lines.add(limit);
    targets.atMost("syncA_postgres_wall_at_most_read_plus_copy_limits",
        "a full into PostgreSQL: wall <= read limit + psql \\copy", pg.wallSeconds(), read.seconds() + copied.seconds(), "s");
  }

  private static String verdict(Checksum source, Checksum copy) {
    if (copy.equals(source)) {
      return String.format(Locale.ROOT, "equal to the source: %,d rows, same checksum", source.rows());
    }
    return String.format(Locale.ROOT, "%,d rows of the source's %,d%s", copy.rows(), source.rows(),
        copy.rows() == source.rows() ? ", values differ" : "");
  }

  /** CPU per row of both baselines of the table being measured, for the sync lines' notes. */
  private double bothBaselinesCpuPerRow = Double.NaN;

  /**
   * What this machine's cores could do if a sync spent exactly the CPU of both baselines (the read
   * on client and server, the append) and kept every core busy: an estimate of the ceiling, not a
   * strict bound (the sync reads in the binary protocol, which costs the server less than the
   * baseline's text reads), against which the sync's own CPU per row shows its overhead.
   */
  private static Line cpuShare(String table, Baselines.Measured read, Baselines.Measured write, double slower) {
    int cores = Runtime.getRuntime().availableProcessors();
    double perRow = read.cpuPerRow() + write.cpuPerRow();
    double rowsPerSecond = cores / perRow;
    Line line = new Line("estimate " + table + ": both baselines' CPU on " + cores + " cores", read.rows(), 0,
        read.rows() / rowsPerSecond);
    line.ratio = rowsPerSecond / slower;
    line.note = String.format(Locale.ROOT,
        "%.2f CPU-s per million rows of %s: read %.2f (client) + %.2f (server), append %.2f",
        perRow * 1e6, table, read.cpuSeconds() / read.rows() * 1e6, read.serverCpuSeconds() / read.rows() * 1e6,
        write.cpuSeconds() / write.rows() * 1e6);
    return line;
  }

  private Line syncLine(String name, SyncRun run, long bytes, double baseline) {
    double seconds = run.workSeconds();
    Line line = new Line(name, run.rowsRead(), bytes, seconds);
    line.peakRss = run.peakRssBytes();
    line.note = String.format(Locale.ROOT, "process wall %.2f s, CPU %.2f s (sync) + %.2f s (source server)",
        run.wallSeconds(), run.cpuSeconds(), run.serverCpuSeconds());
    // Per million rows only for full syncs: an incremental run's CPU is mostly the JVM starting.
    if (!Double.isNaN(bothBaselinesCpuPerRow) && run.rowsRead() >= 100_000) {
      line.note += String.format(Locale.ROOT, "; %.2f CPU-s per million rows (both baselines: %.2f)",
          (run.cpuSeconds() + run.serverCpuSeconds()) / run.rowsRead() * 1e6, bothBaselinesCpuPerRow * 1e6);
    }
    line.ratio = Double.isNaN(baseline) ? Double.NaN : (run.rowsRead() / seconds) / baseline;
    return line;
  }

  /** Runs the jar on one table; {@code fresh} starts from an empty DuckDB file and state. */
  private SyncRun sync(String name, String table, boolean fresh, String... extraSettings)
      throws IOException, InterruptedException {
    Path folder = out.resolve("runs").resolve(name);
    if (fresh && Files.exists(folder)) {
      try (var files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(folder);
    URI uri = URI.create(url.substring("jdbc:".length()));
    Map<String, String> query = new LinkedHashMap<>();
    for (String pair : uri.getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(kv[0], kv[1]);
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode config = json.createObjectNode();
    config.put("TIDB_HOST", uri.getHost());
    config.put("TIDB_PORT", Integer.toString(uri.getPort()));
    config.put("TIDB_USER", query.get("user"));
    config.put("TIDB_PASS", query.get("password"));
    config.put("TIDB_DATABASE", "bench");
    if (table.equals("b")) {
      config.put("VECTOR_TABLES_DATA", "{\"b\":{\"primary_key_column\":\"id\",\"vector_column\":\"embedding\",\"dimension\":"
          + dimension + "}}");
    } else {
      config.put("TABLES_PRIMARY_KEY_COLUMNS", "{\"" + table + "\":\"id\"}");
    }
    config.put("DUCKDB_FILE", folder.resolve("warehouse.duckdb").toString());
    config.put("STATE_FILE", folder.resolve("state.json").toString());
    List<String> settings = new ArrayList<>(List.of(options.get("set").split("\n")));
    settings.addAll(List.of(extraSettings));
    for (String setting : settings) {
      if (!setting.isBlank()) {
        String[] kv = setting.split("=", 2);
        config.put(kv[0], kv[1]);
      }
    }
    json.writeValue(folder.resolve("configuration.json").toFile(), config);
    System.err.println("bench: " + name + (fresh ? " (full)" : " (incremental)"));
    List<String> jvm = new ArrayList<>();
    if (System.getenv("TIDBSYNC_BENCH_JVM") != null) {
      jvm.addAll(List.of(System.getenv("TIDBSYNC_BENCH_JVM").split(" ")));
    }
    if (options.containsKey("jfr")) {
      jvm.add("-XX:StartFlightRecording=filename=" + folder.resolve((fresh ? "full" : "incremental") + ".jfr")
          + ",settings=profile");
    }
    // A full sync runs in a folder emptied for it, but the launcher keeps each command line's last
    // run length (its JIT choice, bin/tidb-sync) in its cache, where the round before left one; a
    // first sync has none, and takes both compilers. TIDBSYNC_JIT set for the bench wins.
    Map<String, String> env = fresh && System.getenv("TIDBSYNC_JIT") == null ? Map.of("TIDBSYNC_JIT", "tiered") : Map.of();
    return SyncRun.run(name, jar, folder, heap, jvm, env, "sync", "--config", "configuration.json", "--log-level", "WARN");
  }

  /** The targets judged on the medians of every round, added to those judged round by round. */
  private void checks(List<Line> lines) {
    for (Line line : lines) {
      if (line.name.equals("sync a (full)") || line.name.startsWith("sync b")) {
        String table = line.name.substring(5, 6);
        String prefix = "sync" + table.toUpperCase(Locale.ROOT);
        targets.judged(prefix + "_ratio_at_least_0.8", table + " full: rows/s at least 0.8 of its baseline (issue 5)",
            String.format(Locale.ROOT, "%.2f", line.ratio), ">= 0.80", line.ratio >= 0.8);
        targets.judged(prefix + "_peakRss_under_512MB", table + " full: peak RSS, highest of the rounds",
            String.format(Locale.ROOT, "%.0f MB", line.peakRss / 1048576.0), "< 512 MB", line.peakRss < 512L * 1048576);
      }
      if (line.name.startsWith("estimate ")) {
        // Not a target: what the cores could give at the baselines' CPU cost, for reading the ratios.
        targets.value(line.name.substring(9, 10) + "_ratio_at_the_baselines_cpu_cost", line.ratio);
      }
      if (line.name.startsWith("sync a (incremental")) {
        targets.judged("incremental_under_2s", "a incremental: in-process time under 2 s (issue 5)",
            String.format(Locale.ROOT, "%.2f s", line.seconds), "< 2.00 s", line.seconds < 2.0);
      }
    }
    for (Line line : lines) {
      if (line.name.startsWith("peer ") && !Double.isNaN(line.ratio)) {
        // "peer sling: b (full)" -> tidbsync_b_full_at_least_as_fast_as_sling, from the median ratio
        String peer = line.name.substring(5, line.name.indexOf(':'));
        String slug = peer.replace(' ', '-');
        String table = line.name.substring(line.name.indexOf(':') + 2, line.name.indexOf(' ', line.name.indexOf(':') + 2));
        String what = line.name.substring(line.name.indexOf('(') + 1, line.name.indexOf(')'));
        String times = String.format(Locale.ROOT, "%.2fx", line.ratio);
        targets.judged("tidbsync_" + table + "_" + what + "_at_least_as_fast_as_" + slug,
            table + " " + what + ": tidb-sync at least as fast as " + peer + " (wall)", times, ">= 1x", line.ratio >= 1);
        if (table.equals("b") && slug.equals("sling")) {
          targets.judged("tidbsync_b_at_least_2x_sling", "b full: tidb-sync at least 2x as fast as sling (wall)",
              times, ">= 2x", line.ratio >= 2);
        }
      }
    }
    Line small = find(lines, "sync a_small");
    Line full = find(lines, "sync a (full)");
    if (small != null && full != null) {
      double growth = (double) full.peakRss / small.peakRss - 1;
      targets.value("rss_growth_small_to_full", growth);
      targets.judged("rss_flat_within_10pct", "a: peak RSS flat from a_small to a",
          String.format(Locale.ROOT, "%+.1f%%", growth * 100), "within 10%", Math.abs(growth) <= 0.10);
    }
  }

  private static Line find(List<Line> lines, String prefix) {
    return lines.stream().filter(l -> l.name.startsWith(prefix)).findFirst().orElse(null);
  }

  private static void print(List<Line> lines) {
    String format = "%-40s %10s %9s %11s %8s %10s %8s%n";
    System.out.printf(Locale.ROOT, format, "measurement", "rows", "seconds", "rows/s", "MB/s", "peak RSS", "ratio");
    for (Line l : lines) {
      System.out.printf(Locale.ROOT, format, l.name, l.rows, String.format(Locale.ROOT, "%.2f", l.seconds),
          String.format(Locale.ROOT, "%.0f", l.rows / l.seconds),
          l.bytes == 0 ? "" : String.format(Locale.ROOT, "%.1f", l.bytes / l.seconds / 1e6),
          l.peakRss == 0 ? "" : String.format(Locale.ROOT, "%.0f MB", l.peakRss / 1048576.0),
          Double.isNaN(l.ratio) ? "" : String.format(Locale.ROOT, "%.2f", l.ratio));
      if (l.note != null) {
        System.out.println("    " + l.note);
      }
    }
  }

  private ObjectNode machine() throws IOException {
    ObjectNode m = new ObjectMapper().createObjectNode();
    m.put("cores", java.lang.Runtime.getRuntime().availableProcessors());
    for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
      if (line.startsWith("MemTotal:")) {
        m.put("memory", line.substring(9).trim());
      }
    }
    for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
      if (line.startsWith("model name")) {
        m.put("cpu", line.substring(line.indexOf(':') + 1).trim());
        break;
      }
    }
    m.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    try (Connection c = connect(""); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT VERSION()")) {
      rs.next();
      m.put("source", rs.getString(1));
    } catch (SQLException e) {
      m.put("source", "unknown: " + e.getMessage());
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = duck.createStatement(); ResultSet rs = st.executeQuery("SELECT version()")) {
      rs.next();
      m.put("duckdb", rs.getString(1));
    } catch (SQLException e) {
      m.put("duckdb", "unknown: " + e.getMessage());
    }
    return m;
  }

  static final class Line {
    final String name;
    final long rows;
    final long bytes;
    final double seconds;
    long peakRss;
    double ratio = Double.NaN;
    String note;

    Line(String name, long rows, long bytes, double seconds) {
      this.name = name;
      this.rows = rows;
      this.bytes = bytes;
      this.seconds = seconds;
      this.eachRun = new double[] {rows / seconds};
    }

    /** Rows per second of this measurement in every round ({@code --repeat}). */
    double[] eachRun;

    /**
     * The same measurement from several rounds: the round with the median time (its note, rows and
     * bytes), the median ratio (each computed within its own round), the highest peak RSS.
     */
    static Line median(List<Line> rounds) {
      if (rounds.size() == 1) {
        return rounds.get(0);
      }
      List<Line> byTime = new ArrayList<>(rounds);
      byTime.sort(java.util.Comparator.comparingDouble(l -> l.seconds));
      Line middle = byTime.get(byTime.size() / 2);
      Line line = new Line(middle.name, middle.rows, middle.bytes, middle.seconds);
      line.peakRss = rounds.stream().mapToLong(l -> l.peakRss).max().orElse(0);
      double[] ratios = rounds.stream().mapToDouble(l -> l.ratio).filter(r -> !Double.isNaN(r)).sorted().toArray();
      line.ratio = ratios.length == 0 ? Double.NaN : ratios[ratios.length / 2];
      line.eachRun = rounds.stream().mapToDouble(l -> l.rows / l.seconds).toArray();
      java.util.DoubleSummaryStatistics spread = java.util.Arrays.stream(line.eachRun).summaryStatistics();
      String range = String.format(Locale.ROOT, "median of %d runs (%.0f to %.0f rows/s)%s",
          rounds.size(), spread.getMin(), spread.getMax(), line.peakRss > 0 ? "; peak RSS is the highest" : "");
      line.note = middle.note == null ? range : middle.note + "; " + range;
      return line;
    }
  }
}
