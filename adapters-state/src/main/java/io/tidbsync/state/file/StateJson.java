package io.tidbsync.state.file;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tidbsync.domain.model.FirstSyncRanges;
import io.tidbsync.domain.model.QuarantinedRow;
import io.tidbsync.domain.model.RowErrorSample;
import io.tidbsync.domain.model.SourceSnapshot;
import io.tidbsync.domain.model.StoredPosition;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The state's JSON layout: the seed's flat keys ({@code <table>_last_created},
 * {@code <table>_last_error}, {@code <table>_last_row_error_sample} as a JSON string,
 * {@code last_connection_error}) so the Python example's state resumes, plus the exact keyset
 * positions under {@code tidbsync.tables}. Keys it does not know are kept verbatim.
 */
public final class StateJson implements io.tidbsync.domain.port.StateCodec {
  static final String LAST_CREATED = "_last_created";
  static final String LAST_ERROR = "_last_error";
  static final String LAST_ROW_ERROR = "_last_row_error_sample";
  static final String CONNECTION_ERROR = "last_connection_error";
  static final String OWN = "tidbsync";
  static final int VERSION = 1;

  private final ObjectMapper mapper = new ObjectMapper();

  /**
   * @throws IllegalArgumentException when the text is not a state object; the message says where
   */
  public SyncState parse(String json) {
    JsonNode root;
    try {
      root = mapper.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage()
          + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
    }
    if (root == null || root.isMissingNode()) {
      return SyncState.EMPTY;
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException("expected a JSON object, found " + root.getNodeType());
    }
    Map<String, TableState> tables = new TreeMap<>();
    Map<String, String> passthrough = new TreeMap<>();
    String connectionError = null;
    SourceSnapshot snapshot = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = root.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (key.equals(OWN)) {
        // The tool's own section is never guessed at: a wrong shape would silently mean "no
        // positions", that is a full re-sync.
        if (!value.isObject()) {
          throw new IllegalArgumentException("\"tidbsync\" must be an object of positions, found " + shape(value));
        }
        readPositions(value, tables);
        snapshot = snapshot(value.path("snapshot"));
      } else if (key.equals(CONNECTION_ERROR)) {
        connectionError = text(value);
      } else if (key.endsWith(LAST_CREATED) && key.length() > LAST_CREATED.length()) {
        String table = strip(key, LAST_CREATED);
        TableState s = tables.getOrDefault(table, TableState.EMPTY);
        tables.put(table, new TableState(text(value), s.position(), s.lastError(), s.lastRowError(), s.quarantine(),
            s.firstSync(), s.destinationTable()));
      } else if (key.endsWith(LAST_ROW_ERROR) && key.length() > LAST_ROW_ERROR.length()) {
        String table = strip(key, LAST_ROW_ERROR);
        tables.put(table, tables.getOrDefault(table, TableState.EMPTY).withLastRowError(sample(table, value)));
      } else if (key.endsWith(LAST_ERROR) && key.length() > LAST_ERROR.length()) {
        String table = strip(key, LAST_ERROR);
        tables.put(table, tables.getOrDefault(table, TableState.EMPTY).withLastError(text(value)));
      } else {
        passthrough.put(key, value.toString());
      }
    }
    return new SyncState(tables, connectionError, passthrough, snapshot);
  }

  /** {@code {"tso": "470839...", "time": "2026-12-01T07:23:51.135Z"}}: the TSO as text, exact in any JSON reader. */
  private static SourceSnapshot snapshot(JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    try {
      return SourceSnapshot.ofTso(Long.parseLong(node.path("tso").asText()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("tidbsync.snapshot.tso is not a TSO: " + node.path("tso"));
    }
  }

  private static String strip(String key, String suffix) {
    return key.substring(0, key.length() - suffix.length());
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.isTextual() ? value.asText() : value.toString();
  }

  private static String shape(JsonNode value) {
    String text = value.toString();
    return value.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " "
        + (text.length() > 40 ? text.substring(0, 40) + "…" : text);
  }

  private void readPositions(JsonNode own, Map<String, TableState> tables) {
    JsonNode positions = own.path("tables");
    if (!positions.isMissingNode() && !positions.isObject()) {
      throw new IllegalArgumentException("tidbsync.tables must be an object, found " + shape(positions));
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = positions.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      JsonNode p = entry.getValue();
      if (!p.isObject()) {
        throw new IllegalArgumentException("tidbsync.tables." + entry.getKey() + " must be an object, found " + shape(p));
      }
      if (p.hasNonNull("cursor") != p.hasNonNull("cursor_column")) {
        throw new IllegalArgumentException("tidbsync.tables." + entry.getKey()
            + " has one of cursor_column and cursor without the other");
      }
      TableState s = tables.getOrDefault(entry.getKey(), TableState.EMPTY);
      StoredPosition position = s.position();
      if (p.hasNonNull("cursor")) {
        List<String> key = new ArrayList<>();
        p.path("key").forEach(k -> key.add(k.asText()));
        position = new StoredPosition(p.get("cursor_column").asText(), p.get("cursor").asText(), key);
      }
      List<QuarantinedRow> quarantine = new ArrayList<>();
      for (JsonNode q : p.path("quarantine")) {
        List<String> key = new ArrayList<>();
        q.path("key").forEach(k -> key.add(k.asText()));
        quarantine.add(new QuarantinedRow(key, q.path("reason").asText(""), q.path("cursor").asText("")));
      }
      String destinationTable = p.hasNonNull("destination_table") ? p.get("destination_table").asText() : null;
      tables.put(entry.getKey(), new TableState(s.lastCreated(), position, s.lastError(), s.lastRowError(), quarantine,
          firstSync(entry.getKey(), p.path("first_sync")), destinationTable));
    }
  }

  private static FirstSyncRanges firstSync(String table, JsonNode node) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.hasNonNull("cursor_column") || !node.hasNonNull("up_to") || !node.path("ranges").isArray()) {
      throw new IllegalArgumentException("tidbsync.tables." + table
          + ".first_sync needs cursor_column, up_to and ranges");
    }
    List<FirstSyncRanges.KeyRange> ranges = new ArrayList<>();
    for (JsonNode r : node.path("ranges")) {
      ranges.add(new FirstSyncRanges.KeyRange(texts(r.path("after")), texts(r.path("until")), r.path("done").asBoolean()));
    }
    return new FirstSyncRanges(node.get("cursor_column").asText(), node.get("up_to").asText(), ranges);
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  private RowErrorSample sample(String table, JsonNode value) {
    String raw = text(value);
    if (raw == null) {
      return null;
    }
    try {
      JsonNode node = mapper.readTree(raw);
      if (node != null && node.isObject()) {
        return new RowErrorSample(
            node.path("table_name").asText(table),
            node.path("row_id").asText("<no-id>"),
            node.path("error_message").asText(""),
            node.path("created_at").asText(""));
      }
    } catch (JsonProcessingException e) {
      // an older or hand-edited sample that is plain text: keep it as the message
    }
    return new RowErrorSample(table, "<no-id>", raw, "");
  }

  public String format(SyncState state) {
    ObjectNode root = mapper.createObjectNode();
    ObjectNode positions = mapper.createObjectNode();
    for (Map.Entry<String, TableState> entry : state.tables().entrySet()) {
      String table = entry.getKey();
      TableState s = entry.getValue();
      if (s.lastCreated() != null) {
        root.put(table + LAST_CREATED, s.lastCreated());
      }
      if (s.lastError() != null) {
        root.put(table + LAST_ERROR, s.lastError());
      }
      if (s.lastRowError() != null) {
        ObjectNode sample = mapper.createObjectNode();
        sample.put("row_id", s.lastRowError().rowKey());
        sample.put("table_name", s.lastRowError().table());
        sample.put("error_message", s.lastRowError().message());
        sample.put("created_at", s.lastRowError().cursor());
        root.put(table + LAST_ROW_ERROR, sample.toString());
      }
      if (s.position() != null || !s.quarantine().isEmpty() || s.firstSync() != null || s.destinationTable() != null) {
        ObjectNode p = positions.putObject(table);
        if (s.destinationTable() != null) {
          p.put("destination_table", s.destinationTable());
        }
        if (s.position() != null) {
          p.put("cursor_column", s.position().cursorColumn());
          p.put("cursor", s.position().cursor());
          ArrayNode key = p.putArray("key");
          s.position().key().forEach(key::add);
        }
        if (!s.quarantine().isEmpty()) {
          ArrayNode quarantine = p.putArray("quarantine");
          for (QuarantinedRow row : s.quarantine()) {
            ObjectNode q = quarantine.addObject();
            row.key().forEach(q.putArray("key")::add);
            q.put("reason", row.reason());
            q.put("cursor", row.cursor());
          }
        }
        if (s.firstSync() != null) {
          ObjectNode f = p.putObject("first_sync");
          f.put("cursor_column", s.firstSync().cursorColumn());
          f.put("up_to", s.firstSync().upTo());
          ArrayNode ranges = f.putArray("ranges");
          for (FirstSyncRanges.KeyRange range : s.firstSync().ranges()) {
            ObjectNode r = ranges.addObject();
            range.after().forEach(r.putArray("after")::add);
            range.until().forEach(r.putArray("until")::add);
            r.put("done", range.done());
          }
        }
      }
    }
    if (state.lastConnectionError() != null) {
      root.put(CONNECTION_ERROR, state.lastConnectionError());
    }
    for (Map.Entry<String, String> entry : state.passthrough().entrySet()) {
      try {
        root.set(entry.getKey(), mapper.readTree(entry.getValue()));
      } catch (JsonProcessingException e) {
        root.put(entry.getKey(), entry.getValue());
      }
    }
    ObjectNode own = root.putObject(OWN);
    own.put("version", VERSION);
    if (state.snapshot() != null) {
      ObjectNode snapshot = own.putObject("snapshot");
      snapshot.put("tso", Long.toString(state.snapshot().tso()));
      snapshot.put("time", state.snapshot().time().toString());
    }
    own.set("tables", positions);
    try {
      return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot format state", e);
    }
  }

  @Override
  public String encode(SyncState state) {
    return format(state);
  }

  @Override
  public SyncState decode(String text) {
    return parse(text);
  }
}
