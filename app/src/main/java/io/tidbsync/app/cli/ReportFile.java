package io.tidbsync.app.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidbsync.domain.model.SyncReport;
import io.tidbsync.domain.model.TableOutcome;
import io.tidbsync.domain.model.TableReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The run's report as JSON, for schedulers and the benchmark: per table its outcome and counters,
 * and the seconds of sync work measured inside the process (JVM start excluded).
 */
final class ReportFile {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFile() {}

  static void write(Path file, SyncReport report, Duration work) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("seconds", work.toNanos() / 1e9);
    root.put("result", report.failure().map(f -> f.message()).orElse("ok"));
    report.snapshot().ifPresent(s -> {
      ObjectNode snapshot = root.putObject("snapshot");
      snapshot.put("tso", Long.toString(s.tso()));
      snapshot.put("time", s.time().toString());
    });
    ArrayNode tables = root.putArray("tables");
    for (TableReport t : report.tables()) {
      ObjectNode table = tables.addObject();
      table.put("table", t.table().name());
      table.put("outcome", t.outcome() instanceof TableOutcome.Failed f ? "failed: " + f.reason() : "synced");
      table.put("rowsRead", t.rowsRead());
      table.put("rowsUpserted", t.rowsUpserted());
      table.put("rowsChanged", Summary.changed(t));
      table.put("rowsNew", t.written().inserted());
      table.put("rowsUpdated", t.written().updated());
      table.put("rowsNewOrUpdated", t.written().newOrUpdated());
      table.put("rowsUnchanged", t.rowsUnchanged());
      table.put("rowsSkipped", t.rowsSkipped());
      table.put("rowsQuarantined", t.rowsQuarantined());
      table.put("zeroDates", t.zeroDates());
      table.put("nullCursorRows", t.nullCursorRows());
      table.put("rowsDeleted", t.rowsDeleted());
      table.put("seconds", t.elapsed().toNanos() / 1e9);
      ArrayNode notes = table.putArray("notes");
      t.notes().forEach(notes::add);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = Files.createTempFile(parent, ".report", ".json");
    JSON.writeValue(tmp.toFile(), root);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
