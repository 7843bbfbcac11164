package io.tidbsync.it.contract;

import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestination;
import io.tidbsync.domain.port.DestinationPort;
import io.tidbsync.it.e2e.DuckDbTables;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

class DuckDbDestinationStateIT extends DestinationStateContract {
  @TempDir Path folder;

  @Override
  protected DestinationPort newDestination() {
    return new DuckDbDestination(new DuckDbConfig(folder.resolve("w.duckdb"), "tester"));
  }

  @Override
  protected List<Map<String, Object>> readBack(String table) {
    destination().close();
    return DuckDbTables.read(folder.resolve("w.duckdb"), "tester", table);
  }
}
