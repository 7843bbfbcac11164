package io.tidbsync.destination.fivetran;

import com.google.protobuf.CodedOutputStream;
import fivetran_sdk.v2.Record;
import fivetran_sdk.v2.ValueType;
import io.tidbsync.domain.model.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * 64-bit digests of a record as Fivetran receives it: of its key columns' values, and of the
 * whole record (the table and its column names, then every column's value in protobuf's encoding,
 * in column order).
 * SHA-256 cut to 64 bits: two different rows of one key share a digest with odds of about 2^-64.
 * One instance per batch (not thread-safe).
 */
final class RowDigest {
  record Digest(long key, long record) {}

  private final List<String> columns;
  private final List<String> keyColumns;
  /** The table and its column names, digested once: a record's digest changes with its columns. */
  private final byte[] shape;
  private final MessageDigest sha;
  private byte[] scratch = new byte[1024];

  RowDigest(TableSchema schema) {
    this.columns = schema.columns().stream().map(c -> c.name()).toList();
    this.keyColumns = List.copyOf(schema.primaryKey());
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    sha.update(schema.table().name().getBytes(StandardCharsets.UTF_8));
    for (String column : columns) {
      sha.update((byte) 0);
      sha.update(column.getBytes(StandardCharsets.UTF_8));
    }
    this.shape = sha.digest();
  }

  /**
   * The values of {@code names}, each length-prefixed in protobuf's encoding, after the table's
   * shape: a fixed order, so no map is sorted and no record serialized again.
   */
  private long digest(Record record, List<String> names) {
    int size = 0;
    for (String name : names) {
      int n = record.getDataOrDefault(name, ValueType.getDefaultInstance()).getSerializedSize();
      size += 5 + n;
    }
    if (scratch.length < size) {
      scratch = new byte[Math.max(size, 2 * scratch.length)];
    }
    CodedOutputStream out = CodedOutputStream.newInstance(scratch);
    try {
      for (String name : names) {
        ValueType value = record.getDataOrDefault(name, ValueType.getDefaultInstance());
        out.writeUInt32NoTag(value.getSerializedSize());
        value.writeTo(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sha.update(shape);
    sha.update(scratch, 0, out.getTotalBytesWritten());
    return first64(sha.digest());
  }

  Digest of(Record record) {
    return new Digest(digest(record, keyColumns), digest(record, columns));
  }

  private static long first64(byte[] digest) {
    return ByteBuffer.wrap(digest).getLong();
  }
}
