package io.tidbsync.destination.fivetran;

import static java.util.Objects.requireNonNull;

import fivetran_sdk.v2.Record;
import fivetran_sdk.v2.RecordType;
import fivetran_sdk.v2.Records;
import fivetran_sdk.v2.SchemaChange;
import fivetran_sdk.v2.Table;
import fivetran_sdk.v2.TableList;
import fivetran_sdk.v2.UpdateResponse;
import fivetran_sdk.v2.ValueType;
import io.tidbsync.domain.failure.DestinationException;
import io.tidbsync.domain.failure.Transience;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.Row;
import io.tidbsync.domain.model.TableSchema;
import io.tidbsync.domain.port.DestinationPort;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Fivetran itself as the destination, inside an Update call: each batch becomes UPSERT records on
 * the response stream, in {@code Records} messages of at most 100, and Fivetran writes them. A
 * batch is "durable" once handed to the stream: the checkpoint that follows it (sent by
 * {@link FivetranStateStore}) tells Fivetran to commit both. Fivetran keeps the destination's
 * keys, so delete detection by key comparison is not available here.
 */
public final class FivetranDestination implements DestinationPort {
  public static final int RECORDS_PER_MESSAGE = 100;

  /** The synthetic key of tables without one (the domain's keyless sync); such tables are sent whole every sync. */
  static final String SYNTHETIC_KEY = "_fivetran_id";

  private final FivetranStream stream;
  private final Set<String> truncatedEachSync;
  private final Set<String> truncatedNow;
  /** At most one TRUNCATE per table and Update: a table prepared again (a read restarted from its checkpoint) keeps its rows. */
  private final Set<String> truncateSent = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final SentRows sent;
  private final DeclaredSchemas declared;

  public FivetranDestination(FivetranStream stream) {
    this(stream, Set.of(), Set.of());
  }

  public FivetranDestination(FivetranStream stream, Set<String> truncatedEachSync) {
    this(stream, truncatedEachSync, Set.of());
  }

  public FivetranDestination(FivetranStream stream, Set<String> truncatedEachSync, Set<String> truncatedNow) {
    this(stream, truncatedEachSync, truncatedNow, FivetranMemory.fresh());
  }

  /**
   * @param truncatedEachSync tables whose deletes are found by sending them whole after a TRUNCATE
   *     record: Fivetran soft-deletes the rows synced before it, and every row sent again is live
   * @param truncatedNow tables copied from their start in this sync (a first sync, or a re-sync):
   *     a TRUNCATE comes first, so rows Fivetran kept from an earlier copy do not stay live
   * @param memory the rows and table definitions Fivetran already holds, shared with the
   *     {@link FivetranStateStore} that checkpoints them: a row sent before, unchanged, is left
   *     out, and a table's definition is declared again only when it changed
   */
  public FivetranDestination(FivetranStream stream, Set<String> truncatedEachSync, Set<String> truncatedNow,
      FivetranMemory memory) {
    this.stream = requireNonNull(stream, "stream is null");
    this.truncatedEachSync = Set.copyOf(truncatedEachSync);
    this.truncatedNow = Set.copyOf(truncatedNow);
    this.sent = memory.rows();
    this.declared = memory.schemas();
  }

  /**
   * Nothing to create: Fivetran makes and evolves the tables from the schema and the records. A
   * table whose definition differs from the one Fivetran was last told of (a column added or
   * widened, a first sync) is declared by a {@code SchemaChange} before its rows. A table sent
   * whole (deletes found by truncation, no key of its own) or copied from its start gets its
   * TRUNCATE record here, before its rows, once per Update.
   */
  @Override
  public io.tidbsync.domain.model.PreparedTable prepare(TableSchema schema) {
    if (schema.primaryKey().isEmpty()) {
      throw new DestinationException("table " + schema.table()
          + " has no primary key; name one in TABLES_PRIMARY_KEY_COLUMNS", Transience.PERMANENT);
    }
    Table definition = FivetranTypes.table(schema);
    if (!declared.declared(definition)) {
      stream.send(UpdateResponse.newBuilder().setSchemaChange(SchemaChange.newBuilder()
          .setWithoutSchema(TableList.newBuilder().addTables(definition))).build());
      declared.sent(definition);
    }
    if (truncatedEachSync.contains(schema.table().name()) || truncatedNow.contains(schema.table().name())
        || synthetic(schema)) {
      if (truncateSent.add(schema.table().name())) {
        // Every row Fivetran holds is soft-deleted by it: none may be left out as already there.
        sent.forget(schema.table().name());
        stream.send(UpdateResponse.newBuilder().setRecords(Records.newBuilder().addRecords(
            Record.newBuilder().setTableName(schema.table().name()).setType(RecordType.TRUNCATE))).build());
      }
    }
    // Fivetran keeps the state with its own tables: they are always the ones the state describes.
    return io.tidbsync.domain.model.PreparedTable.untracked();
  }

  /**
   * Collects records into {@code Records} messages of at most {@link #RECORDS_PER_MESSAGE}; the
   * digests of a message's rows are recorded as sent once the message is on the stream.
   */
  private final class Outbox {
    private Records.Builder message = Records.newBuilder();
    private final String table;
    private final long[] digests = new long[2 * RECORDS_PER_MESSAGE];
    private int digested;

    Outbox(String table) {
      this.table = table;
    }

    void add(Record.Builder record) {
      message.addRecords(record);
      if (message.getRecordsCount() == RECORDS_PER_MESSAGE) {
        flush();
      }
    }

    void add(Record record, RowDigest.Digest digest) {
      digests[2 * digested] = digest.key();
      digests[2 * digested + 1] = digest.record();
      digested++;
      message.addRecords(record);
      if (message.getRecordsCount() == RECORDS_PER_MESSAGE) {
        flush();
      }
    }

    void flush() {
      if (message.getRecordsCount() > 0) {
        stream.send(UpdateResponse.newBuilder().setRecords(message).build());
        message = Records.newBuilder();
        for (int i = 0; i < digested; i++) {
          sent.sent(table, digests[2 * i], digests[2 * i + 1]);
        }
        digested = 0;
      }
    }
  }

  /** Tables sent whole after a TRUNCATE every sync have nothing to leave out and nothing to remember. */
  private boolean remembered(TableSchema schema) {
    return !truncatedEachSync.contains(schema.table().name()) && !synthetic(schema);
  }

  @Override
  public io.tidbsync.domain.model.Written upsert(TableSchema schema, List<Row> rows) {
    String table = schema.table().name();
    Outbox outbox = new Outbox(table);
    List<ColumnSpec> columns = schema.columns();
    RowDigest digests = remembered(schema) ? new RowDigest(schema) : null;
    long sentRows = 0;
    int rowIndex = 0;
    for (Row row : rows) {
      Record.Builder record = Record.newBuilder().setTableName(schema.table().name()).setType(RecordType.UPSERT);
      Object[] values = row.values();
      for (int i = 0; i < columns.size(); i++) {
        ColumnSpec column = columns.get(i);
        ValueType value;
        try {
          value = FivetranValues.of(column.type(), values[i]);
        } catch (ClassCastException e) {
          throw new DestinationException("upserting into " + schema.table() + ": row " + (rowIndex + 1)
              + " of the batch, column " + column.name() + ": a value does not fit its column: " + e.getMessage(),
              Transience.PERMANENT, e);
        }
        record.putData(column.name(), value);
      }
      rowIndex++;
      if (digests == null) {
        outbox.add(record);
        sentRows++;
        continue;
      }
      Record built = record.build();
      RowDigest.Digest digest = digests.of(built);
      if (!sent.unchanged(table, digest.key(), digest.record())) {
        outbox.add(built, digest);
        sentRows++;
      }
    }
    outbox.flush();
    // Rows left out were sent before, unchanged; of those sent, Fivetran cannot say which are new.
    return io.tidbsync.domain.model.Written.unsorted(sentRows);
  }

  /** A table without a key, keyed by the hash of its rows: sent whole after a TRUNCATE every sync. */
  private static boolean synthetic(TableSchema schema) {
    return schema.primaryKey().equals(List.of(SYNTHETIC_KEY));
  }

  /**
   * A table keyed by {@value #SYNTHETIC_KEY} has none to compare: its TRUNCATE, sent before the
   * whole table, already leaves every row not sent again deleted. Other tables' keys are
   * Fivetran's, so delete detection by key comparison is not available.
   */
  @Override
  public List<List<Object>> liveKeys(TableSchema schema, Optional<List<Object>> after, int limit) {
    if (synthetic(schema)) {
      return List.of();
    }
    throw new DestinationException("table " + schema.table() + ": delete detection compares keys with the "
        + "destination's, and under Fivetran the destination's keys are Fivetran's; set DELETE_DETECTION to none",
        Transience.PERMANENT);
  }

  /** DELETE records for the keys (Fivetran marks them deleted, keeping their other values). */
  @Override
  public long markDeleted(TableSchema schema, List<List<Object>> keys) {
    // A deleted row sent again later, unchanged, must revive: it may not be left out as already there.
    sent.forget(schema.table().name());
    Outbox outbox = new Outbox(schema.table().name());
    for (List<Object> key : keys) {
      Record.Builder record = Record.newBuilder().setTableName(schema.table().name()).setType(RecordType.DELETE);
      for (int i = 0; i < key.size(); i++) {
        ColumnSpec column = schema.column(schema.primaryKey().get(i));
        record.putData(column.name(), FivetranValues.of(column.type(), key.get(i)));
      }
      outbox.add(record);
    }
    outbox.flush();
    return keys.size();
  }

  @Override
  public void close() {}
}
