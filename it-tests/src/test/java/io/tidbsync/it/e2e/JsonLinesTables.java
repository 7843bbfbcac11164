package io.tidbsync.it.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a JSON-lines table as a consumer would: applies its lines in file order, upserting by key
 * (a delete line marks the row deleted and keeps its values), then types each value by the type
 * {@code schema.json} declares for its column. Independent of the adapter's own code.
 */
public final class JsonLinesTables {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonLinesTables() {}

  public static List<Map<String, Object>> read(Path tableFolder) {
    try {
      JsonNode schema = MAPPER.readTree(tableFolder.resolve("schema.json").toFile());
      Map<String, String> types = new LinkedHashMap<>();
      schema.get("columns").forEach(c -> types.put(c.get("name").asText(), c.get("type").asText()));
      List<String> key = new ArrayList<>();
      schema.get("primary_key").forEach(k -> key.add(k.asText()));
      Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
      List<Path> parts;
      try (Stream<Path> files = Files.list(tableFolder)) {
        parts = files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList();
      }
      for (Path part : parts) {
        try (BufferedReader lines = Files.newBufferedReader(part)) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            JsonNode node = MAPPER.readTree(line);
            StringBuilder id = new StringBuilder();
            key.forEach(k -> id.append(node.get(k)).append('\u0001'));
            Map<String, Object> row = new LinkedHashMap<>();
            if (node.get("op").asText().equals("delete")) {
              row.putAll(byKey.getOrDefault(id.toString(), Map.of()));
            }
            types.forEach((column, type) -> {
              if (node.has(column)) {
                row.put(column, value(node.get(column), type));
              } else {
                row.putIfAbsent(column, null);
              }
            });
            row.put("_fivetran_synced", Instant.parse(node.get("_fivetran_synced").asText()));
            row.put("_fivetran_deleted", node.get("_fivetran_deleted").asBoolean());
            byKey.put(id.toString(), row);
          }
        }
      }
      List<Map<String, Object>> rows = new ArrayList<>(byKey.values());
      rows.sort(Comparator.comparing(r -> keyOf(r, key), JsonLinesTables::compareKeys));
      return rows;
    } catch (IOException e) {
      throw new IllegalStateException("reading " + tableFolder + ": " + e.getMessage(), e);
    }
  }

  private static List<Object> keyOf(Map<String, Object> row, List<String> key) {
    return key.stream().map(row::get).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKeys(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      int c = ((Comparable) a.get(i)).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static Object value(JsonNode node, String type) {
    if (node.isNull()) {
      return null;
    }
    if (type.startsWith("decimal")) {
      return new BigDecimal(node.asText());
    }
    if (type.startsWith("vector")) {
      float[] out = new float[node.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = Float.parseFloat(node.get(i).asText());
      }
      return out;
    }
    return switch (type) {
      case "boolean" -> node.asBoolean();
      case "smallint" -> (short) node.asInt();
      case "int" -> node.canConvertToInt() ? (Object) node.asInt() : (Object) node.asLong();
      case "bigint" -> node.asLong();
      case "float" -> Float.parseFloat(node.asText());
      case "double" -> Double.parseDouble(node.asText());
      case "date" -> LocalDate.parse(node.asText());
      case "naive_datetime" -> LocalDateTime.parse(node.asText());
      case "utc_datetime" -> Instant.parse(node.asText());
      case "binary" -> Base64.getDecoder().decode(node.asText());
      default -> node.asText();
    };
  }
}
