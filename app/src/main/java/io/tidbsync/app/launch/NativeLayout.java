package io.tidbsync.app.launch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Lays the fat jar out once for fast starts: a copy of the jar without DuckDB's native libraries,
 * and this platform's library beside it, where DuckDB's JDBC driver loads it in place.
 *
 * <p>Why: when the driver finds its library inside the jar, it inflates all 72 MB of it into a
 * temporary file on every start. Opening an in-memory DuckDB took 600-635 ms that way and
 * 340-370 ms with the library beside a jar that lacks it (Temurin 25, 2 cores), and a small
 * incremental sync takes about 2 s in all. The launcher {@code bin/tidb-sync} runs this on a
 * jar's first start and uses the layout from then on; {@code java -jar} still works unchanged.
 *
 * <p>Usage: {@code java -cp tidb-sync.jar io.tidbsync.app.launch.NativeLayout FOLDER}. It writes
 * into a new folder beside {@code FOLDER} and renames it to {@code FOLDER} only when complete, so
 * a run that dies, or two that race, never leave a half-written layout in use. Exit status 0: the
 * layout is there (made now or before); 2: this platform has no library in the jar, or the jar
 * cannot be read; the launcher then uses the jar as it is.
 */
public final class NativeLayout {
  /** The driver's resource prefix; the name ends with {@code _<os>_<arch>} (see {@link #libraryName}). */
  static final String LIBRARY_PREFIX = "libduckdb_java.so_";
  static final String JAR_NAME = "tidb-sync.jar";

  private NativeLayout() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: NativeLayout FOLDER");
      System.exit(2);
    }
    try {
      Path jar = Path.of(NativeLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Optional<Path> made = layOut(jar, Path.of(args[0]), libraryName(System.getProperty("os.name"),
          System.getProperty("os.arch")));
      if (made.isEmpty()) {
        System.err.println("tidb-sync: no DuckDB library for this platform in " + jar + "; starting from the jar");
        System.exit(2);
      }
    } catch (IOException | java.net.URISyntaxException | RuntimeException e) {
      System.err.println("tidb-sync: could not lay out " + args[0] + " (" + e + "); starting from the jar");
      System.exit(2);
    }
  }

  /**
   * The name DuckDB's driver gives this platform's library: {@code libduckdb_java.so_} plus
   * {@code linux}, {@code macos} or {@code windows}, {@code _}, and {@code amd64} or {@code arm64}.
   */
  static String libraryName(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    String osPart = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macos" : os.startsWith("linux") ? "linux" : os;
    String archPart = switch (arch) {
      case "x86_64", "amd64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return LIBRARY_PREFIX + osPart + "_" + archPart;
  }

  /**
   * Makes {@code folder} hold {@link #JAR_NAME} (the jar minus every DuckDB library) and the
   * library {@code library}, unless it holds them already.
   *
   * @return the folder, or empty when the jar has no such library
   */
  static Optional<Path> layOut(Path jar, Path folder, String library) throws IOException {
    if (Files.isRegularFile(folder.resolve(JAR_NAME)) && Files.isRegularFile(folder.resolve(library))) {
      return Optional.of(folder);
    }
    Path parent = folder.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path work = Files.createTempDirectory(parent, "." + folder.getFileName() + "-");
    try {
      boolean found = false;
      try (ZipFile zip = new ZipFile(jar.toFile());
          OutputStream file = Files.newOutputStream(work.resolve(JAR_NAME));
          ZipOutputStream out = new ZipOutputStream(new java.io.BufferedOutputStream(file, 1 << 16))) {
        var entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry entry = entries.nextElement();
          if (entry.getName().startsWith(LIBRARY_PREFIX)) {
            if (entry.getName().equals(library)) {
              try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, work.resolve(library));
              }
              found = true;
            }
            continue;
          }
          ZipEntry copy = new ZipEntry(entry.getName());
          copy.setTime(entry.getTime());
          out.putNextEntry(copy);
          try (InputStream in = zip.getInputStream(entry)) {
            in.transferTo(out);
          }
          out.closeEntry();
        }
      }
      if (!found) {
        return Optional.empty();
      }
      try {
        Files.move(work, folder, StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileSystemException raced) {
        // Another start laid it out first (or the file system cannot rename atomically): use what is there.
        if (!Files.isRegularFile(folder.resolve(JAR_NAME)) || !Files.isRegularFile(folder.resolve(library))) {
          throw raced;
        }
      }
      return Optional.of(folder);
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
