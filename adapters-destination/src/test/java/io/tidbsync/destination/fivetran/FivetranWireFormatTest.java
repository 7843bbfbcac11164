package io.tidbsync.destination.fivetran;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.CodedOutputStream;
import fivetran_sdk.v2.UpdateResponse;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.SyncState;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes: what the destination sends, serialized, equals bytes built here by hand from the
 * protocol's field numbers and wire types (protobuf's encoding rules, no generated code). A field
 * renumbered or retyped in our .proto files cannot pass.
 */
class FivetranWireFormatTest {
  // --- a minimal protobuf encoder, independent of protobuf-java ---
  static byte[] varint(long value) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while ((value & ~0x7FL) != 0) {
      out.write((int) ((value & 0x7F) | 0x80));
      value >>>= 7;
    }
    out.write((int) value);
    return out.toByteArray();
  }

  static byte[] tag(int field, int wireType) {
    return varint(((long) field << 3) | wireType);
  }

  static byte[] cat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static byte[] varintField(int field, long value) {
    return cat(tag(field, 0), varint(value));
  }

  static byte[] bytesField(int field, byte[] bytes) {
    return cat(tag(field, 2), varint(bytes.length), bytes);
  }

  static byte[] stringField(int field, String text) {
    return bytesField(field, text.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] fixed32Field(int field, float value) {
    return cat(tag(field, 5), ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(value).array());
  }

  static byte[] fixed64Field(int field, double value) {
    return cat(tag(field, 1), ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(value).array());
  }

  static byte[] timestamp(long seconds, int nanos) {
    return cat(seconds == 0 ? new byte[0] : varintField(1, seconds), nanos == 0 ? new byte[0] : varintField(2, nanos));
  }

  /** A map<string, ValueType> entry: key 1, value 2. */
  static byte[] entry(String key, byte[] valueType) {
    return bytesField(4, cat(stringField(1, key), bytesField(2, valueType)));
  }

  static byte[] serialize(UpdateResponse message) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CodedOutputStream coded = CodedOutputStream.newInstance(out);
    coded.useDeterministicSerialization(); // map entries sorted by key
    message.writeTo(coded);
    coded.flush();
    return out.toByteArray();
  }

  static final TableSchema TABLE = new TableSchema(TableId.of("t"), List.of(
      new ColumnSpec("a_long", new LogicalType.LongType(), false, "bigint"),
      new ColumnSpec("b_decimal", new LogicalType.DecimalType(12, 2), true, "decimal(12,2)"),
      new ColumnSpec("c_null", new LogicalType.StringType(), true, "varchar(9)"),
      new ColumnSpec("d_utc", new LogicalType.UtcDateTimeType(), true, "timestamp(6)"),
      new ColumnSpec("e_binary", new LogicalType.BinaryType(), true, "blob"),
      new ColumnSpec("f_date", new LogicalType.NaiveDateType(), true, "date"),
      new ColumnSpec("g_naive", new LogicalType.NaiveDateTimeType(), true, "datetime(6)"),
      new ColumnSpec("h_short", new LogicalType.ShortType(), true, "smallint"),
      new ColumnSpec("i_int", new LogicalType.IntType(), true, "int"),
      new ColumnSpec("j_float", new LogicalType.FloatType(), true, "float"),
      new ColumnSpec("k_double", new LogicalType.DoubleType(), true, "double"),
      new ColumnSpec("l_bool", new LogicalType.BooleanType(), true, "tinyint(1)"),
      new ColumnSpec("m_json", new LogicalType.JsonType(), true, "json"),
      new ColumnSpec("n_vector", LogicalType.VectorType.of(2), true, "vector(2)")),
      List.of("a_long"), Optional.empty());

  @Test
  void anUpsertBatchIsRecordsWithValuesEncodedAsTheProtocolSays() throws IOException {
    List<UpdateResponse> sent = new ArrayList<>();
    new FivetranDestination(sent::add).upsert(TABLE, List.of(Row.of(42L, new BigDecimal("1.50"), null,
        Instant.parse("2024-05-01T10:00:00.654321Z"), new byte[] {0, -1}, LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 5, 1, 10, 0, 0, 123_456_000), (short) -3, 7, 1.5f, 2.25d, true, "{\"a\": 1}",
        new float[] {0.5f, -2f})));
    assertThat(sent).hasSize(1);
    byte[] record = cat(
        stringField(2, "t"), // table_name; type UPSERT = 0 is proto3's default, so absent
        entry("a_long", varintField(5, 42)),
        entry("b_decimal", stringField(11, "1.50")),
        entry("c_null", varintField(1, 1)),
        entry("d_utc", bytesField(10, timestamp(1_714_557_600L, 654_321_000))),
        entry("e_binary", bytesField(12, new byte[] {0, -1})),
        entry("f_date", bytesField(8, timestamp(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400L, 0))),
        entry("g_naive", bytesField(9, timestamp(1_714_557_600L, 123_456_000))),
        entry("h_short", varintField(3, -3L)), // int32: a negative is ten varint bytes
        entry("i_int", varintField(4, 7)),
        entry("j_float", fixed32Field(6, 1.5f)),
        entry("k_double", fixed64Field(7, 2.25d)),
        entry("l_bool", varintField(2, 1)),
        entry("m_json", stringField(14, "{\"a\": 1}")),
        entry("n_vector", stringField(14, "[0.5,-2.0]")));
    byte[] expected = bytesField(6, bytesField(1, record)); // UpdateResponse.records(6) > Records.records(1)
    assertThat(serialize(sent.get(0))).containsExactly(expected);
  }

  @Test
  void deletesCarryTheirTypeAndACheckpointCarriesTheStateJson() throws IOException {
    List<UpdateResponse> sent = new ArrayList<>();
    new FivetranDestination(sent::add).markDeleted(TABLE, List.of(List.of(7L)));
    byte[] record = cat(stringField(2, "t"), varintField(3, 2), entry("a_long", varintField(5, 7)));
    assertThat(serialize(sent.get(0))).containsExactly(bytesField(6, bytesField(1, record)));

    io.tidbsync.domain.port.StateCodec codec = new io.tidbsync.domain.port.StateCodec() {
      @Override
      public String encode(SyncState state) {
        return "{\"patients_last_created\":\"2024-05-01T10:00:00+00:00\"}";
      }

      @Override
      public SyncState decode(String text) {
        return SyncState.EMPTY;
      }
    };
    new FivetranStateStore(null, codec, sent::add).save(SyncState.EMPTY);
    assertThat(serialize(sent.get(1))).containsExactly(
        bytesField(3, stringField(1, "{\"patients_last_created\":\"2024-05-01T10:00:00+00:00\"}")));
  }

  /** A table's end saves the state its last batch already saved: one checkpoint, not two identical ones. */
  @Test
  void aCheckpointIdenticalToTheLastOneSentIsLeftOut() {
    List<UpdateResponse> sent = new ArrayList<>();
    StateJsonCodec codec = new StateJsonCodec();
    FivetranStateStore store = new FivetranStateStore(null, codec, sent::add);
    SyncState one = SyncState.EMPTY.withLastConnectionError("one");
    store.save(one);
    store.save(one);
    store.save(SyncState.EMPTY);
    store.save(one);
    assertThat(sent).extracting(m -> m.getCheckpoint().getStateJson())
        .containsExactly("one", "", "one");
  }

  /** Encodes only the connection error: enough to tell states apart. */
  private static final class StateJsonCodec implements io.tidbsync.domain.port.StateCodec {
    @Override
    public String encode(SyncState state) {
      return state.lastConnectionError() == null ? "" : state.lastConnectionError();
    }

    @Override
    public SyncState decode(String text) {
      return SyncState.EMPTY;
    }
  }

  @Test
  void batchesAreSplitIntoRecordsMessagesOfAtMostOneHundred() {
    List<UpdateResponse> sent = new ArrayList<>();
    List<Row> rows = new ArrayList<>();
    for (long i = 0; i < 250; i++) {
      rows.add(Row.of(i, null, null, null, null, null, null, null, null, null, null, null, null, null));
    }
    assertThat(new FivetranDestination(sent::add).upsert(TABLE, rows).changed()).isEqualTo(250);
    assertThat(sent).extracting(m -> m.getRecords().getRecordsCount()).containsExactly(100, 100, 50);
    assertThat(sent.get(2).getRecords().getRecords(49).getDataMap().get("a_long").getLong()).isEqualTo(249);
  }
}
