package io.tidbsync.app.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How long the last successful sync of one command line took, for the launcher's choice of JIT
 * (bin/tidb-sync): the C1 compiler alone for a command line whose last run was short (an
 * incremental run of a few seconds compiles more with C2 than C2's code gives back), both
 * compilers otherwise. The launcher names the file in the system property {@value #PROPERTY}
 * (under its cache folder, never from the configuration); without it nothing is written.
 */
public final class RunLength {
  /** The system property naming the file. */
  public static final String PROPERTY = "tidbsync.runLengthFile";
  /** The system property naming the launcher's cache folder, for {@link #forgetAll()}. */
  public static final String FOLDER_PROPERTY = "tidbsync.runLengthFolder";
  private static final Pattern NOTE = Pattern.compile("run-[0-9]+");
  /** Runs at least this long are long: from about 1M narrow rows, C2's code pays for itself. */
  static final Duration LONG = Duration.ofSeconds(8);

  private RunLength() {}

  /** Records a run that succeeded after {@code elapsed}: "short" or "long", replacing what was there. */
  public static void record(Duration elapsed) {
    String file = System.getProperty(PROPERTY);
    if (file == null || file.isBlank()) {
      return;
    }
    write(Path.of(file), elapsed.compareTo(LONG) >= 0 ? "long" : "short");
  }

  /**
   * Forgets every command line's last run length (after {@code reset}: the next sync reads tables
   * from the start, a long run the last one does not foretell, so it takes both compilers). Only
   * the launcher's notes are removed; without the launcher's property nothing is.
   */
  public static void forgetAll() {
    String folder = System.getProperty(FOLDER_PROPERTY);
    if (folder == null || folder.isBlank()) {
      return;
    }
    try (var files = Files.list(Path.of(folder))) {
      for (Path note : files.filter(p -> NOTE.matcher(p.getFileName().toString()).matches()).toList()) {
        Files.deleteIfExists(note);
      }
    } catch (IOException | RuntimeException e) {
      // A hint only: a note left makes one run take C1 alone.
    }
  }

  static void write(Path file, String length) {
    Path temp = file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.writeString(temp, length + "\n");
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      // A hint for the next start only: without it the launcher takes both compilers.
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // the cache folder is the launcher's to clean
      }
    }
  }
}
