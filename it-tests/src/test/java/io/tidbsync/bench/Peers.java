package io.tidbsync.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The peers the bench races, run on the same tables, each into a DuckDB file of its own: dlt
 * ({@code sql_database}'s {@code sql_table}, pyarrow backend and its default sqlalchemy backend,
 * merged on the key, incremental on {@code created_at}) and Sling (incremental mode, key and
 * update key). They come from the folder {@code scripts/bench} prepares ({@code TIDBSYNC_BENCH_PEERS}):
 * a private venv, links {@code sling} and {@code duckdb} to the Sling binary and the DuckDB CLI
 * Sling drives, and a {@code home} with that CLI's extensions. Each runs under {@code /usr/bin/time}, whose numbers include
 * the processes it starts (Sling's DuckDB CLI).
 */
final class Peers {
  /** One peer's run: its wall and CPU seconds, its peak RSS, and where it wrote the table. */
  record Run(String peer, double wallSeconds, double cpuSeconds, long peakRssBytes, Path duckdb, String qualifiedTable) {}

  static final List<String> ALL = List.of("dlt pyarrow", "dlt sqlalchemy", "sling");
  static final List<String> FAST = List.of("dlt pyarrow", "sling");

  private final Path venv;
  private final URI source;
  private final Map<String, String> credentials;

  /** @param jdbcUrl the bench's source, {@code jdbc:mysql://host:port/?user=…&password=…} */
  Peers(Path venv, String jdbcUrl) {
    this.venv = venv;
    this.source = URI.create(jdbcUrl.substring("jdbc:".length()));
    this.credentials = new LinkedHashMap<>();
    for (String pair : source.getQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      credentials.put(kv[0], kv[1]);
    }
  }

  /** The peers' venv from the environment, or null when the bench runs without peers. */
  static Path venvFromEnvironment() {
    String dir = System.getenv("TIDBSYNC_BENCH_PEERS");
    return dir == null || dir.isBlank() ? null : Path.of(dir);
  }

  /**
   * Runs one peer on one table in {@code folder} ({@code fresh}: an empty folder first, a full
   * copy; otherwise the incremental run that continues the folder's last one).
   */
  Run run(String peer, String table, Path folder, boolean fresh) throws IOException, InterruptedException {
    if (fresh && Files.exists(folder)) {
      try (var files = Files.walk(folder)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    Files.createDirectories(folder);
    Path duckdb = folder.resolve("warehouse.duckdb");
    List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S %M", "-o",
        folder.resolve("time.txt").toString()));
    ProcessBuilder builder = new ProcessBuilder();
    String user = credentials.get("user");
    String password = credentials.get("password");
    String hostPort = source.getHost() + ":" + source.getPort();
    String qualified;
    switch (peer) {
      case "dlt pyarrow", "dlt sqlalchemy" -> {
        command.addAll(List.of(venv.resolve("venv/bin/python").toString(),
            Path.of("scripts/peers/dlt_sync.py").toAbsolutePath().toString(), "--table", table,
            "--backend", peer.substring(4), "--duckdb", duckdb.toString(),
            "--pipelines-dir", folder.resolve("pipelines").toString()));
        builder.environment().put("BENCH_SOURCE_URL", "mysql+pymysql://" + user + ":" + password + "@" + hostPort + "/bench");
        qualified = "bench." + table;
      }
      case "sling" -> {
        command.addAll(List.of(venv.resolve("sling").toString(), "run", "--src-conn", "BENCH_SRC",
            "--src-stream", "bench." + table, "--tgt-conn", "BENCH_TGT", "--tgt-object", "main." + table,
            "--mode", "incremental", "--primary-key", "id", "--update-key", "created_at"));
        builder.environment().put("BENCH_SRC", "mysql://" + user + ":" + password + "@" + hostPort + "/bench");
        builder.environment().put("BENCH_TGT", "duckdb://" + duckdb);
        builder.environment().put("DUCKDB_PATH", venv.resolve("duckdb").toString());
        builder.environment().put("SLING_HOME_DIR", folder.resolve("sling-home").toString());
        // The DuckDB CLI finds its json and httpfs extensions here, installed from PyPI by scripts/bench.
        builder.environment().put("HOME", venv.resolve("home").toString());
        qualified = "main." + table;
      }
      default -> throw new IllegalArgumentException("unknown peer " + peer + "; peers are " + ALL);
    }
    builder.command(command).directory(Path.of("").toAbsolutePath().toFile())
        .redirectOutput(folder.resolve("out.txt").toFile()).redirectError(folder.resolve("err.txt").toFile());
    System.err.println("bench: peer " + peer + ", " + table + (fresh ? " (full)" : " (incremental)"));
    int exit = builder.start().waitFor();
    String[] measured = Files.readString(folder.resolve("time.txt")).strip().lines()
        .reduce((first, last) -> last).orElse("").split(" ");
    if (exit != 0 || measured.length != 4) {
      List<String> err = Files.readAllLines(folder.resolve("err.txt"));
      throw new IllegalStateException("peer " + peer + " on " + table + " exited with " + exit + ":\n"
          + String.join("\n", err.subList(Math.max(0, err.size() - 15), err.size())).replace(password, "***"));
    }
    return new Run(peer, Double.parseDouble(measured[0]), Double.parseDouble(measured[1]) + Double.parseDouble(measured[2]),
        Long.parseLong(measured[3]) * 1024, duckdb, qualified);
  }
}
