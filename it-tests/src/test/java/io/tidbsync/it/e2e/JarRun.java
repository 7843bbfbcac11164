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
    return run(new ProcessBuilder(command(args)), folder, env, args);
  }

  /** Runs the jar through the launcher {@code bin/tidb-sync}, as a user does, on this test's Java. */
  public static JarRun runLauncher(Path folder, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of("..", "bin", "tidb-sync").toAbsolutePath().normalize().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("TIDBSYNC_JAR", jar().toString());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    return run(builder, folder, env, args);
  }

  private static JarRun run(ProcessBuilder builder, Path folder, Map<String, String> env, String... args) {
    builder.directory(folder.toFile());
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

  /** The "read" column of the summary line for {@code table}. */
  public long rowsRead(String table) {
    return summaryColumn(table, "read");
  }

  /** Rows read that were written but changed nothing (the look-back window's re-reads). */
  public long rowsUnchanged(String table) {
    return summaryColumn(table, "unchanged");
  }

  /** Rows newly marked deleted. */
  public long rowsDeleted(String table) {
    return summaryColumn(table, "deleted");
  }

  /** Keys the destination did not have. */
  public long rowsNew(String table) {
    return summaryColumn(table, "new");
  }

  /** Rows the destination had, with different values. */
  public long rowsUpdated(String table) {
    return summaryColumn(table, "updated");
  }

  /** Rows the destination wrote because they were new or different. */
  public long rowsChanged(String table) {
    return header().contains("written") ? summaryColumn(table, "written")
        : summaryColumn(table, "new") + summaryColumn(table, "updated");
  }

  private List<String> header() {
    return stdout.lines().map(String::trim).filter(l -> l.startsWith("table ") && l.contains(" result "))
        .findFirst().map(l -> List.of(l.split("\\s+")))
        .orElseThrow(() -> new AssertionError("no summary header in:\n" + this));
  }

  private long summaryColumn(String table, String name) {
    int column = header().indexOf(name);
    if (column < 0) {
      throw new AssertionError("no column " + name + " in the summary of:\n" + this);
    }
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
