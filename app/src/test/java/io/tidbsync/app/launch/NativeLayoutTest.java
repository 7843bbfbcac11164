package io.tidbsync.app.launch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLayoutTest {
  @TempDir
  Path dir;

  private Path jar(Map<String, String> entries) throws IOException {
    Path jar = dir.resolve("fat.jar");
    try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return jar;
  }

  private static Map<String, String> contents(Path jar) throws IOException {
    Map<String, String> read = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (var entries = zip.entries(); entries.hasMoreElements(); ) {
        ZipEntry e = entries.nextElement();
        read.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return read;
  }

  @Test
  void theCopyHoldsEverythingButDuckDbsLibrariesAndThisPlatformsLibraryLiesBesideIt() throws IOException {
    Map<String, String> entries = new LinkedHashMap<>();
    entries.put("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: x.Main\n");
    entries.put("x/Main.class", "classbytes");
    entries.put("libduckdb_java.so_linux_amd64", "linux library");
    entries.put("libduckdb_java.so_macos_arm64", "mac library");
    entries.put("META-INF/native/libother.so", "kept");
    Path folder = dir.resolve("cache/layout-1");

    assertThat(NativeLayout.layOut(jar(entries), folder, "libduckdb_java.so_linux_amd64")).contains(folder);

    assertThat(contents(folder.resolve(NativeLayout.JAR_NAME))).containsExactly(
        Map.entry("META-INF/MANIFEST.MF", entries.get("META-INF/MANIFEST.MF")),
        Map.entry("x/Main.class", "classbytes"),
        Map.entry("META-INF/native/libother.so", "kept"));
    assertThat(folder.resolve("libduckdb_java.so_linux_amd64")).hasContent("linux library");
    try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
      assertThat(left).containsExactly(folder);
    }
  }

  @Test
  void aLayoutThatIsThereIsUsedAsItIs() throws IOException {
    Path jar = jar(Map.of("a.class", "a", "libduckdb_java.so_linux_arm64", "lib"));
    Path folder = dir.resolve("layout");
    NativeLayout.layOut(jar, folder, "libduckdb_java.so_linux_arm64");
    FileTime made = FileTime.fromMillis(1_000_000_000_000L);
    Files.setLastModifiedTime(folder.resolve(NativeLayout.JAR_NAME), made);

    assertThat(NativeLayout.layOut(jar, folder, "libduckdb_java.so_linux_arm64")).contains(folder);
    assertThat(Files.getLastModifiedTime(folder.resolve(NativeLayout.JAR_NAME))).isEqualTo(made);
  }

  @Test
  void aJarWithoutThisPlatformsLibraryLeavesNothingBehind() throws IOException {
    Path jar = jar(Map.of("a.class", "a", "libduckdb_java.so_windows_amd64", "lib"));
    Path folder = dir.resolve("cache/layout");

    assertThat(NativeLayout.layOut(jar, folder, "libduckdb_java.so_linux_amd64")).isEmpty();
    try (Stream<Path> left = Files.list(dir.resolve("cache"))) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void platformsAreNamedAsDuckDbsDriverNamesThem() {
    assertThat(NativeLayout.libraryName("Linux", "amd64")).isEqualTo("libduckdb_java.so_linux_amd64");
    assertThat(NativeLayout.libraryName("Linux", "aarch64")).isEqualTo("libduckdb_java.so_linux_arm64");
    assertThat(NativeLayout.libraryName("Mac OS X", "aarch64")).isEqualTo("libduckdb_java.so_macos_arm64");
    assertThat(NativeLayout.libraryName("Windows 11", "x86_64")).isEqualTo("libduckdb_java.so_windows_amd64");
  }
}
