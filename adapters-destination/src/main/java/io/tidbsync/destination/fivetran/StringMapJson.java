package io.tidbsync.destination.fivetran;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/** A state entry's JSON: one object of table name to text, read strictly and written in name order. */
final class StringMapJson {
  private static final JsonFactory JSON = new JsonFactory();

  private StringMapJson() {}

  static String write(Map<String, String> values) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      for (Map.Entry<String, String> entry : new TreeMap<>(values).entrySet()) {
        out.writeStringField(entry.getKey(), entry.getValue());
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  /**
   * @param key the entry's state key, named in errors
   * @throws IllegalArgumentException when the text is not an object of strings; the message says where
   */
  static Map<String, String> read(String json, String key) {
    Map<String, String> values = new TreeMap<>();
    try (JsonParser in = JSON.createParser(json)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(key + " must be an object of tables");
      }
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String table = in.currentName();
        if (in.nextToken() != JsonToken.VALUE_STRING) {
          throw new IllegalArgumentException(key + "." + table + " must be a string");
        }
        values.put(table, in.getText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(key + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values;
  }
}
