package io.tidbsync.destination.fivetran;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import fivetran_sdk.v2.Table;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table definitions Fivetran was last told of by this connector, as a digest per table, so an
 * Update sends a {@code SchemaChange} exactly when a table's columns, types or key differ from
 * them (a column added or widened at the source, a column selection changed). Kept in the
 * checkpoint under {@link #STATE_KEY}.
 */
public final class DeclaredSchemas implements StateEntry {
  public static final String STATE_KEY = "tidbsync_fivetran_schemas";

  private static final JsonFactory JSON = new JsonFactory();

  private final Map<String, String> digests = new TreeMap<>();

  /** The table's definition digest (SHA-256 of its protobuf encoding, hex). */
  static String digest(Table table) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(table.toByteArray()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** True when Fivetran was last told of exactly this definition. */
  public synchronized boolean declared(Table table) {
    return digest(table).equals(digests.get(table.getName()));
  }

  /** Records a definition once its {@code SchemaChange} is on the stream. */
  public synchronized void sent(Table table) {
    digests.put(table.getName(), digest(table));
  }

  @Override
  public String key() {
    return STATE_KEY;
  }

  @Override
  public synchronized boolean isEmpty() {
    return digests.isEmpty();
  }

  @Override
  public synchronized String toJson() {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = JSON.createGenerator(text)) {
      out.writeStartObject();
      for (Map.Entry<String, String> entry : digests.entrySet()) {
        out.writeStringField(entry.getKey(), entry.getValue());
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  @Override
  public void restore(String json) {
    Map<String, String> read = new TreeMap<>();
    try (JsonParser in = JSON.createParser(json)) {
      if (in.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException(STATE_KEY + " must be an object of tables");
      }
      while (in.nextToken() == JsonToken.FIELD_NAME) {
        String table = in.currentName();
        if (in.nextToken() != JsonToken.VALUE_STRING) {
          throw new IllegalArgumentException(STATE_KEY + "." + table + " must be a digest string");
        }
        read.put(table, in.getText());
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(STATE_KEY + " is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (this) {
      digests.clear();
      digests.putAll(read);
    }
  }
}
