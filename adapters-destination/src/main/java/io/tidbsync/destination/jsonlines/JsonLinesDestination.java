package io.tidbsync.destination.jsonlines;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tidbsync.destination.jdbc.TypeWidening;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.model.Written;
import io.tidbsync.domain.port.DestinationPort;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only JSON lines, for piping into other tools: a folder per table holding
 * {@code schema.json} (its columns, their types, the key) and {@code part-000001.jsonl},
 * {@code part-000002.jsonl}… rotated by size. Each line is one object: {@code "op"} ({@code upsert}
 * or {@code delete}), the columns, {@code _fivetran_synced} and {@code _fivetran_deleted}. Nothing is
 * ever rewritten: a consumer applies the lines in order, upserting by key, and gets the table (a
 * replayed batch is a repeat of lines it has applied already). Each write is forced to disk before
 * it returns; a line torn by a crash is cut off when the table is next prepared.
 *
 * <p>Delete detection needs the live keys: they are read from the files once per run and kept in
 * memory, so that costs memory in proportion to the table's keys.
 */
public final class JsonLinesDestination implements DestinationPort {
  static final String SYNCED = "_fivetran_synced";
  static final String DELETED = "_fivetran_deleted";
  static final String OP = "op";
  private static final Logger LOG = LoggerFactory.getLogger(JsonLinesDestination.class);
  private static final JsonFactory JSON = new JsonFactory();

  private final JsonLinesConfig config;
  private final Map<String, Table> tables = new HashMap<>();

  public JsonLinesDestination(JsonLinesConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /** A prepared table: its folder, declared columns (possibly wider than the schema's), live keys once read. */
  private static final class Table {
    final TableSchema schema;
    final Path folder;
    Path part;
    TreeMap<List<Object>, Boolean> keys;

    Table(TableSchema schema, Path folder, Path part) {
      this.schema = schema;
      this.folder = folder;
      this.part = part;
    }
  }

  /** The table's folder name: letters, digits, {@code _ - .} kept, anything else as {@code %XX} bytes. */
  public static String folderName(String table) {
    StringBuilder out = new StringBuilder();
    byte[] bytes = table.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      int b = bytes[i] & 0xff;
      boolean plain = b < 0x80 && (Character.isLetterOrDigit(b) || b == '_' || b == '-' || b == '.' && i > 0);
      out.append(plain ? String.valueOf((char) b) : String.format("%%%02X", b));
    }
    return out.toString();
  }

  /**
   * Creates the table's folder and {@code schema.json} (with a {@code table_id}, the table's
   * identity) or evolves them; a folder whose {@code schema.json} has no {@code table_id} (written
   * before identities were kept) gets one.
   */
  @Override
  public synchronized io.tidbsync.domain.model.PreparedTable prepare(TableSchema schema) {
    if (schema.primaryKey().isEmpty()) {
      throw new DestinationException("table " + schema.table()
          + " has no primary key; JSON-lines consumers upsert by key", Transience.PERMANENT);
    }
    Path folder = config.folder().resolve(folderName(schema.table().name()));
    try {
      Files.createDirectories(folder);
      Map<String, String> declared = declaredColumns(folder.resolve("schema.json"));
      boolean created = declared.isEmpty();
      String recorded = created ? null : tableId(folder.resolve("schema.json"));
      String identity = recorded != null ? recorded : java.util.UUID.randomUUID().toString();
      Map<String, String> layout = evolve(schema, declared);
      if (!layout.equals(declared) || recorded == null) {
        writeSchema(folder, schema, layout, identity);
      }
      List<String> added = new ArrayList<>();
      List<String> widened = new ArrayList<>();
      if (!created) {
        layout.forEach((column, type) -> {
          if (!declared.containsKey(column)) {
            added.add(column);
          } else if (!declared.get(column).equals(type)) {
            widened.add(column);
          }
        });
      }
      Path part = lastPart(folder);
      repairTornLine(part);
      Table previous = tables.get(schema.table().name());
      Table table = new Table(schema, folder, part);
      if (previous != null) {
        table.keys = previous.keys;
      }
      tables.put(schema.table().name(), table);
      return new io.tidbsync.domain.model.PreparedTable(Optional.of(identity), created, added, widened);
    } catch (IOException e) {
      throw failure("preparing table " + schema.table() + " in " + folder, e);
    }
  }

  /** The {@code table_id} of a {@code schema.json}, or null when it has none. */
  private static String tableId(Path file) throws IOException {
    try (JsonParser in = JSON.createParser(file.toFile())) {
      for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
        if (token == JsonToken.FIELD_NAME && in.currentName().equals("table_id")
            && in.getParsingContext().getParent().inRoot()) {
          return in.nextToken() == JsonToken.VALUE_STRING ? in.getText() : null;
        }
        if (token == JsonToken.START_ARRAY || token == JsonToken.START_OBJECT && !in.getParsingContext().getParent().inRoot()) {
          in.skipChildren();
        }
      }
    }
    return null;
  }

  /** Column name to type name from {@code schema.json}; empty for a new table. */
  private static Map<String, String> declaredColumns(Path file) throws IOException {
    Map<String, String> columns = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return columns;
    }
    try (JsonParser in = JSON.createParser(file.toFile())) {
      String name = null;
      String type = null;
      boolean inColumns = false;
      for (JsonToken token = in.nextToken(); token != null; token = in.nextToken()) {
        if (token == JsonToken.FIELD_NAME && in.currentName().equals("columns") && in.getParsingContext().getParent().inRoot()) {
          inColumns = true;
        } else if (inColumns && token == JsonToken.FIELD_NAME) {
          String field = in.currentName();
          in.nextToken();
          if (field.equals("name")) {
            name = in.getText();
          } else if (field.equals("type")) {
            type = in.getText();
          }
        } else if (inColumns && token == JsonToken.END_OBJECT && name != null) {
          columns.put(name, type);
          name = null;
          type = null;
        } else if (inColumns && token == JsonToken.END_ARRAY) {
          inColumns = false;
        }
      }
    }
    return columns;
  }

  /** The declared layout after this schema: the same widening rule as the SQL destinations. */
  private static Map<String, String> evolve(TableSchema schema, Map<String, String> declared) {
    Map<String, String> layout = new LinkedHashMap<>(declared);
    List<String> refused = new ArrayList<>();
    for (ColumnSpec column : schema.columns()) {
      String wanted = JsonLinesTypes.name(column.type());
      String have = declared.get(column.name());
      Optional<LogicalType> existing = have == null ? Optional.empty() : JsonLinesTypes.parse(have);
      if (have == null || existing.isPresent() && TypeWidening.holds(column.type(), existing.get())) {
        layout.put(column.name(), wanted);
      } else if (existing.isEmpty() || !TypeWidening.holds(existing.get(), column.type())) {
        refused.add("column " + column.name() + " is " + have + " in schema.json but the source now has "
            + column.sourceType() + " (" + wanted + ")");
      }
    }
    if (!refused.isEmpty()) {
      throw new DestinationException("JSON-lines table " + schema.table() + " does not fit the source's columns: "
          + String.join("; ", refused) + " (tidb-sync widens columns but never converts or narrows one). "
          + "Move the table's folder away to start it over", Transience.PERMANENT);
    }
    return layout;
  }

  private static void writeSchema(Path folder, TableSchema schema, Map<String, String> layout, String identity)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = JSON.createGenerator(bytes).useDefaultPrettyPrinter()) {
      out.writeStartObject();
      out.writeStringField("table", schema.table().name());
      out.writeStringField("table_id", identity);
      out.writeArrayFieldStart("primary_key");
      for (String key : schema.primaryKey()) {
        out.writeString(key);
      }
      out.writeEndArray();
      out.writeArrayFieldStart("columns");
      for (Map.Entry<String, String> column : layout.entrySet()) {
        out.writeStartObject();
        out.writeStringField("name", column.getKey());
        out.writeStringField("type", column.getValue());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
    }
    Path temp = folder.resolve("schema.json.tmp");
    Files.write(temp, bytes.toByteArray());
    Files.move(temp, folder.resolve("schema.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static List<Path> parts(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(p -> p.getFileName().toString().matches("part-\\d{6}\\.jsonl")).sorted().toList();
    }
  }

  private static Path lastPart(Path folder) throws IOException {
    List<Path> parts = parts(folder);
    return parts.isEmpty() ? folder.resolve("part-000001.jsonl") : parts.get(parts.size() - 1);
  }

  /** A crash mid-write can leave a last line without its newline: it was never acknowledged, so it goes. */
  private static void repairTornLine(Path part) throws IOException {
    if (!Files.exists(part) || Files.size(part) == 0) {
      return;
    }
    try (FileChannel channel = FileChannel.open(part, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      long size = channel.size();
      ByteBuffer one = ByteBuffer.allocate(1);
      long end = size;
      while (end > 0) {
        one.clear();
        channel.read(one, end - 1);
        if (one.get(0) == '\n') {
          break;
        }
        end--;
      }
      if (end < size) {
        LOG.warn("{} ended in a line torn by an interrupted write; cut {} bytes (the batch is written again)",
            part, size - end);
        channel.truncate(end);
        channel.force(true);
      }
    }
  }

  private Table tableFor(TableSchema schema) {
    Table table = tables.get(schema.table().name());
    if (table == null || !table.schema.equals(schema)) {
      throw new DestinationException("table " + schema.table() + " was not prepared with this schema",
          Transience.PERMANENT);
    }
    return table;
  }

  /**
   * Appends every row as an upsert line; every row counts as written, new or updated unknown (an
   * append-only file keeps no old values to compare).
   */
  @Override
  public synchronized Written upsert(TableSchema schema, List<Row> rows) {
    Table table = tableFor(schema);
    if (rows.isEmpty()) {
      return Written.NONE;
    }
    String synced = Instant.now().toString();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(rows.size() * 128);
    int rowIndex = 0;
    try (JsonGenerator out = JSON.createGenerator(bytes)) {
      out.setRootValueSeparator(null);
      for (Row row : rows) {
        out.writeStartObject();
        out.writeStringField(OP, "upsert");
        for (int i = 0; i < schema.columns().size(); i++) {
          ColumnSpec column = schema.columns().get(i);
          out.writeFieldName(column.name());
          try {
            JsonLinesValues.write(out, column.type(), row.values()[i]);
          } catch (ClassCastException e) {
            throw new DestinationException("upserting into " + schema.table() + ": row " + (rowIndex + 1)
                + " of the batch, column " + column.name() + ": a value does not fit its column: " + e.getMessage(),
                Transience.PERMANENT, e);
          }
        }
        out.writeStringField(SYNCED, synced);
        out.writeBooleanField(DELETED, false);
        out.writeEndObject();
        out.writeRaw('\n');
        rowIndex++;
      }
    } catch (IOException e) {
      throw failure("encoding rows of " + schema.table(), e);
    }
    append(table, bytes.toByteArray());
    if (table.keys != null) {
      for (Row row : rows) {
        table.keys.put(key(schema, row), true);
      }
    }
    return Written.unsorted(rows.size());
  }

  private void append(Table table, byte[] bytes) {
    try {
      if (Files.exists(table.part) && Files.size(table.part) >= config.rotateBytes()) {
        String name = table.part.getFileName().toString();
        int next = Integer.parseInt(name.substring(5, 11)) + 1;
        table.part = table.folder.resolve(String.format("part-%06d.jsonl", next));
      }
      try (FileChannel channel = FileChannel.open(table.part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(false);
      }
    } catch (IOException e) {
      throw failure("appending to " + table.part, e);
    }
  }

  private static List<Object> key(TableSchema schema, Row row) {
    List<Object> key = new ArrayList<>(schema.primaryKey().size());
    for (String column : schema.primaryKey()) {
      key.add(row.values()[schema.indexOf(column)]);
    }
    return key;
  }

  /** Every key seen and whether it is live, read from the files the first time it is needed. */
  private TreeMap<List<Object>, Boolean> keys(Table table) {
    if (table.keys != null) {
      return table.keys;
    }
    TableSchema schema = table.schema;
    TreeMap<List<Object>, Boolean> keys = new TreeMap<>(KEY_ORDER);
    try {
      for (Path part : parts(table.folder)) {
        try (InputStream in = Files.newInputStream(part); JsonParser parser = JSON.createParser(in)) {
          while (parser.nextToken() == JsonToken.START_OBJECT) {
            Object[] key = new Object[schema.primaryKey().size()];
            boolean deleted = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
              String field = parser.currentName();
              parser.nextToken();
              int k = schema.primaryKey().indexOf(field);
              if (k >= 0) {
                key[k] = JsonLinesValues.read(parser, schema.column(field).type());
              } else if (field.equals(DELETED)) {
                deleted = parser.getBooleanValue();
              } else {
                parser.skipChildren();
              }
            }
            keys.put(Arrays.asList(key), !deleted);
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new DestinationException("JSON-lines: reading the keys of " + schema.table() + " from " + table.folder
          + " failed: " + e.getMessage(), Transience.PERMANENT, e);
    }
    table.keys = keys;
    return keys;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareValues(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    if (a instanceof byte[] x && b instanceof byte[] y) {
      return Arrays.compareUnsigned(x, y);
    }
    return ((Comparable) a).compareTo(b);
  }

  static final Comparator<List<Object>> KEY_ORDER = (a, b) -> {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = compareValues(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  @Override
  public synchronized List<List<Object>> liveKeys(TableSchema schema, Optional<List<Object>> after, int limit) {
    TreeMap<List<Object>, Boolean> keys = keys(tableFor(schema));
    List<List<Object>> page = new ArrayList<>(Math.min(limit, 1024));
    var view = after.isPresent() ? keys.tailMap(after.get(), false) : keys;
    for (Map.Entry<List<Object>, Boolean> entry : view.entrySet()) {
      if (page.size() >= limit) {
        break;
      }
      if (entry.getValue()) {
        page.add(List.copyOf(entry.getKey()));
      }
    }
    return page;
  }

  /** Appends a delete line (the key, {@code _fivetran_deleted: true}) for each live key given. */
  @Override
  public synchronized long markDeleted(TableSchema schema, List<List<Object>> keys) {
    Table table = tableFor(schema);
    TreeMap<List<Object>, Boolean> known = keys(table);
    List<List<Object>> live = keys.stream().filter(k -> Boolean.TRUE.equals(known.get(k))).distinct().toList();
    if (live.isEmpty()) {
      return 0;
    }
    String synced = Instant.now().toString();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JsonGenerator out = JSON.createGenerator(bytes)) {
      out.setRootValueSeparator(null);
      for (List<Object> key : live) {
        out.writeStartObject();
        out.writeStringField(OP, "delete");
        for (int i = 0; i < key.size(); i++) {
          String column = schema.primaryKey().get(i);
          out.writeFieldName(column);
          JsonLinesValues.write(out, schema.column(column).type(), key.get(i));
        }
        out.writeStringField(SYNCED, synced);
        out.writeBooleanField(DELETED, true);
        out.writeEndObject();
        out.writeRaw('\n');
      }
    } catch (IOException e) {
      throw failure("encoding deletes of " + schema.table(), e);
    }
    append(table, bytes.toByteArray());
    live.forEach(k -> known.put(k, false));
    return live.size();
  }

  private static DestinationException failure(String what, IOException e) {
    return new DestinationException("JSON-lines: " + what + " failed: " + e.getMessage(), Transience.PERMANENT, e);
  }

  @Override
  public synchronized void close() {
    tables.clear();
  }
}
