package io.tidbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One run of the jar through the launcher {@code bin/tidb-sync} (its JVM options, class-data
 * sharing and all: what a user runs), as its own process, with its resident memory sampled from
 * {@code /proc/PID/status} every 50 ms: the peak ({@code VmHWM}, kept by the kernel) and the
 * curve ({@code VmRSS}) for the chart.
 */
record SyncRun(String name, int exitCode, double wallSeconds, double workSeconds, long peakRssBytes,
    List<double[]> rssCurve, JsonNode report, double cpuSeconds, double serverCpuSeconds) {

  static SyncRun run(String name, Path jar, Path folder, String heap, List<String> extraJvm, String... args)
      throws IOException, InterruptedException {
    return run(name, jar, folder, heap, extraJvm, java.util.Map.of(), args);
  }

  /** {@code env}: variables for the launcher, set over the bench's own. */
  static SyncRun run(String name, Path jar, Path folder, String heap, List<String> extraJvm,
      java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of("bin", "tidb-sync").toAbsolutePath().toString());
    command.addAll(List.of(args));
    command.add("--report");
    command.add(folder.resolve(name + "-report.json").toString());
    ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
        .redirectOutput(folder.resolve(name + ".out").toFile())
        .redirectError(folder.resolve(name + ".err").toFile());
    builder.environment().remove("TIDB_PASS");
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    builder.environment().put("TIDBSYNC_JAR", jar.toString());
    builder.environment().putAll(env);
    List<String> jvm = new ArrayList<>(extraJvm);
    if (!heap.isEmpty()) {
      jvm.add(0, "-Xmx" + heap);
    }
    builder.environment().put("TIDBSYNC_JAVA_OPTS", String.join(" ", jvm));
    long serverCpuBefore = Cpu.serverTicks();
    long start = System.nanoTime();
    Process process = builder.start();
    long cpuTicks = 0;
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    List<double[]> curve = new ArrayList<>();
    while (process.isAlive()) {
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmHWM:")) {
            peak = Math.max(peak, kilobytes(line) * 1024);
          } else if (line.startsWith("VmRSS:")) {
            curve.add(new double[] {(System.nanoTime() - start) / 1e9, kilobytes(line) / 1024.0});
          }
        }
        cpuTicks = Cpu.ticks(Path.of("/proc", Long.toString(process.pid()), "stat"));
      } catch (IOException | RuntimeException e) {
        // the process ended between isAlive and the read
      }
      Thread.sleep(50);
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double serverCpu = (Cpu.serverTicks() - serverCpuBefore) / 100.0;
    int exit = process.waitFor();
    Path reportFile = folder.resolve(name + "-report.json");
    JsonNode report = Files.exists(reportFile) ? new ObjectMapper().readTree(reportFile.toFile()) : null;
    if (exit != 0 || report == null) {
      throw new IllegalStateException("sync run " + name + " exited with " + exit + "; see "
          + folder.resolve(name + ".err") + ":\n" + tail(folder.resolve(name + ".err")) + tail(folder.resolve(name + ".out")));
    }
    return new SyncRun(name, exit, wall, report.get("seconds").asDouble(), peak, curve, report, cpuTicks / 100.0,
        serverCpu);
  }


  long rowsRead() {
    long rows = 0;
    for (JsonNode table : report.get("tables")) {
      rows += table.get("rowsRead").asLong();
    }
    return rows;
  }

  private static long kilobytes(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }

  private static String tail(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "";
    }
    List<String> lines = Files.readAllLines(file);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())) + "\n";
  }
}
