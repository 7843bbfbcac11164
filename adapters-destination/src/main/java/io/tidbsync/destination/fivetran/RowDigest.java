package io.tidbsync.destination.fivetran;

import com.google.protobuf.CodedOutputStream;
import fivetran_sdk.v2.Record;
import fivetran_sdk.v2.ValueType;
import io.tidbsync.domain.model.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * 64-bit digests of a record as Fivetran receives it: of its key columns' values, and of the
 * whole record (table, type, every column's name and value, in protobuf's deterministic encoding).
 * SHA-256 cut to 64 bits: two different rows of one key share a digest with odds of about 2^-64.
 * One instance per batch (not thread-safe).
 */
final class RowDigest {
  record Digest(long key, long record) {}

  private final List<String> keyColumns;
  private final MessageDigest sha;
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);

  RowDigest(TableSchema schema) {
    this.keyColumns = List.copyOf(schema.primaryKey());
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  Digest of(Record record) {
    for (String column : keyColumns) {
      byte[] name = column.getBytes(StandardCharsets.UTF_8);
      byte[] value = record.getDataOrDefault(column, ValueType.getDefaultInstance()).toByteArray();
      sha.update(ByteBuffer.allocate(8).putInt(name.length).putInt(value.length).array());
      sha.update(name);
      sha.update(value);
    }
    long key = first64(sha.digest());
    buffer.reset();
    try {
      CodedOutputStream out = CodedOutputStream.newInstance(buffer);
      out.useDeterministicSerialization();
      record.writeTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sha.update(buffer.toByteArray());
    return new Digest(key, first64(sha.digest()));
  }

  private static long first64(byte[] digest) {
    return ByteBuffer.wrap(digest).getLong();
  }
}
