package io.tidbsync.it.e2e;

import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.UniqueDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fresh database holding the seed example's tables (scripts/fixtures/seed-tables.sql). */
final class SeedDatabase {
  private SeedDatabase() {}

  static UniqueDatabase create(TestServer server, String prefix) {
    UniqueDatabase db = new UniqueDatabase(server, prefix);
    try {
      db.execute(Files.readString(Path.of("../scripts/fixtures/seed-tables.sql"))
          .lines().filter(l -> !l.startsWith("--")).reduce("", (a, b) -> a + b + "\n"));
    } catch (IOException e) {
      db.close();
      throw new UncheckedIOException(e);
    }
    return db;
  }
}
