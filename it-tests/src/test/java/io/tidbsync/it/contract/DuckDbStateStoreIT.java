package io.tidbsync.it.contract;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The state table in a DuckDB file of its own. */
class DuckDbStateStoreIT extends JdbcStateStoreContract {
  @TempDir Path folder;

  @Override
  String url() {
    return "jdbc:duckdb:" + folder.resolve("state.duckdb");
  }

  @Override
  String user() {
    return "";
  }

  @Override
  String password() {
    return "";
  }

  @Override
  protected boolean readableBesideARun() {
    return false;
  }
}
