package io.tidbsync.it.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the fat jar as its own process, in a folder, and captures what it printed. */
public record JarRun(int exitCode, String stdout, String stderr) {
  public static Path jar() {
    Path jar = Path.of(System.getProperty("tidbsync.jar", "../app/target/tidb-sync.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException("fat jar " + jar + " is missing; build it with ./mvnw package");
    }
    return jar;
  }

  /** Starts the jar without waiting; its output goes to files in the folder. */
  public static Process start(Path folder, Map<String, String> env, String... args) {
    ProcessBuilder builder = new ProcessBuilder(command(args)).directory(folder.toFile());
    builder.environment().remove("TIDB_PASS");
    builder.environment().putAll(env);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("killed-runs.out").toFile()));
    builder.redirectError(ProcessBuilder.Redirect.appendTo(folder.resolve("killed-runs.err").toFile()));
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> command(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(List.of(args));
    return command;
  }

  public static JarRun run(Path folder, Map<String, String> env, String... args) {
    ProcessBuilder builder = new ProcessBuilder(command(args)).directory(folder.toFile());
    builder.environment().remove("TIDB_PASS");
    builder.environment().putAll(env);
    try {
      Path out = Files.createTempFile(folder, "stdout", ".txt");
      Path err = Files.createTempFile(folder, "stderr", ".txt");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(180, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("tidb-sync " + String.join(" ", args) + " did not finish in 180 s");
      }
      JarRun run = new JarRun(process.exitValue(), Files.readString(out), Files.readString(err));
      Files.delete(out);
      Files.delete(err);
      return run;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The "rows read" column of the summary line for {@code table}. */
  public long rowsRead(String table) {
    return summaryColumn(table, 2);
  }

  /** Rows read that were written but changed nothing (the look-back window's re-reads). */
  public long rowsUnchanged(String table) {
    return summaryColumn(table, 4);
  }

  /** Rows newly marked deleted. */
  public long rowsDeleted(String table) {
    return summaryColumn(table, 5);
  }

  /** Rows the destination wrote because they were new or different. */
  public long rowsChanged(String table) {
    return summaryColumn(table, 3);
  }

  private long summaryColumn(String table, int column) {
    for (String line : stdout.lines().toList()) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length > column && parts[0].equals(table) && (parts[1].equals("synced") || parts[1].equals("FAILED"))) {
        return Long.parseLong(parts[column].replace(",", ""));
      }
    }
    throw new AssertionError("no summary line for " + table + " in:\n" + this);
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
  }
}
