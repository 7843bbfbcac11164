package io.tidbsync.it.e2e;

import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import fivetran_sdk.v2.Column;
import fivetran_sdk.v2.ConfigurationFormRequest;
import fivetran_sdk.v2.ConfigurationFormResponse;
import fivetran_sdk.v2.DataType;
import fivetran_sdk.v2.FormField;
import fivetran_sdk.v2.Record;
import fivetran_sdk.v2.RecordType;
import fivetran_sdk.v2.SchemaRequest;
import fivetran_sdk.v2.SchemaResponse;
import fivetran_sdk.v2.Selection;
import fivetran_sdk.v2.SourceConnectorGrpc;
import fivetran_sdk.v2.Table;
import fivetran_sdk.v2.TableSelection;
import fivetran_sdk.v2.TablesWithNoSchema;
import fivetran_sdk.v2.TestRequest;
import fivetran_sdk.v2.TestResponse;
import fivetran_sdk.v2.TextField;
import fivetran_sdk.v2.UpdateRequest;
import fivetran_sdk.v2.UpdateResponse;
import fivetran_sdk.v2.ValueType;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.tidbsync.app.fivetran.FivetranServer;
import io.tidbsync.it.servers.TestServer;
import io.tidbsync.it.servers.TestServers;
import io.tidbsync.it.servers.UniqueDatabase;
import io.tidbsync.source.tidb.TidbSource;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * This test plays Fivetran's tester against the real {@code serve} server (in this JVM, over a
 * real socket) on a real MariaDB: ConfigurationForm, Test, Schema, Update. It applies the records
 * it receives to its own table model with the protocol's upsert/update/delete rules and requires
 * the model to equal the source, then the same of an incremental Update from the last checkpoint.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ParameterizedClass(name = "[{0}]")
@FieldSource("io.tidbsync.it.servers.TestServers#SOURCES")
class FivetranConnectorIT {
  /** The source server this run of the class uses: TiDB, then MariaDB. */
  @Parameter
  String serverName;

  TestServer server() {
    return TestServers.source(serverName);
  }

  static final ObjectMapper JSON = new ObjectMapper();

  UniqueDatabase db;
  Server server;
  ManagedChannel channel;
  SourceConnectorGrpc.SourceConnectorBlockingStub connector;

  @BeforeParameterizedClassInvocation
  void start() throws Exception {
    db = SeedDatabase.create(server(), "fivetran");
    server = FivetranServer.start(0, configuration -> new TidbSource(configuration.source()), Map.of());
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext()
        .maxInboundMessageSize(128 << 20).build();
    connector = SourceConnectorGrpc.newBlockingStub(channel);
  }

  @AfterParameterizedClassInvocation
  void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
    }
    if (db != null) {
      db.close();
    }
  }

  Map<String, String> configuration(String password) {
    TestServer s = server();
    Map<String, String> config = new LinkedHashMap<>();
    config.put("TIDB_HOST", s.host());
    config.put("TIDB_PORT", Integer.toString(s.port()));
    config.put("TIDB_USER", s.user());
    config.put("TIDB_PASS", password);
    config.put("TIDB_DATABASE", db.name());
    config.put("TABLES_PRIMARY_KEY_COLUMNS", SyncEndToEndIT.ALL_TABLES);
    config.put("VECTOR_TABLES_DATA", "{\"usual_spots\":{\"primary_key_column\":\"id\",\"vector_column\":\"embedding\"}}");
    config.put("LOOKBACK_SECONDS", "0");
    return config;
  }

  /** Fivetran's side: tables of rows by key, written as the protocol's record types say. */
  static final class Model {
    final Map<String, Map<String, Map<String, ValueType>>> tables = new TreeMap<>();
    /** Keys Fivetran holds as soft-deleted (by DELETE or TRUNCATE), their values kept. */
    final Map<String, Set<String>> deleted = new TreeMap<>();
    final Map<String, Table> schema = new LinkedHashMap<>();
    String checkpoint;
    final List<String> tasks = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    /** Records other than TRUNCATE, per table. */
    final Map<String, Integer> records = new TreeMap<>();
    /** Each TRUNCATE's table, and how many of that table's rows (records other than TRUNCATE) came before it. */
    final List<String> truncates = new ArrayList<>();
    /** Each SchemaChange's tables, in order. */
    final List<Table> schemaChanges = new ArrayList<>();
    /** "schema t" for a SchemaChange of table t, "row t" for each of its records, in stream order. */
    final List<String> order = new ArrayList<>();

    Model(List<Table> declared) {
      declared.forEach(t -> schema.put(t.getName(), t));
    }

    String key(Record record) {
      StringBuilder key = new StringBuilder();
      for (Column column : schema.get(record.getTableName()).getColumnsList()) {
        if (column.getPrimaryKey()) {
          key.append(record.getDataMap().get(column.getName())).append('|');
        }
      }
      return key.toString();
    }

    void apply(UpdateResponse response) {
      switch (response.getOperationCase()) {
        case RECORDS -> response.getRecords().getRecordsList().forEach(this::apply);
        case RECORD -> apply(response.getRecord());
        case CHECKPOINT -> checkpoint = response.getCheckpoint().getStateJson();
        case SCHEMA_CHANGE -> response.getSchemaChange().getWithoutSchema().getTablesList().forEach(table -> {
          order.add("schema " + table.getName());
          schemaChanges.add(table);
          schema.put(table.getName(), table);
        });
        case TASK -> tasks.add(response.getTask().getMessage());
        case WARNING -> warnings.add(response.getWarning().getMessage());
        default -> throw new AssertionError("unexpected " + response.getOperationCase());
      }
    }

    void apply(Record record) {
      assertThat(schema).as("records only for declared tables").containsKey(record.getTableName());
      Map<String, Map<String, ValueType>> rows = tables.computeIfAbsent(record.getTableName(), t -> new TreeMap<>());
      Set<String> gone = deleted.computeIfAbsent(record.getTableName(), t -> new java.util.TreeSet<>());
      if (record.getType() == RecordType.TRUNCATE) {
        truncates.add(record.getTableName() + "@" + records.getOrDefault(record.getTableName(), 0));
        gone.addAll(rows.keySet()); // every row synced before it is soft-deleted
        return;
      }
      records.merge(record.getTableName(), 1, Integer::sum);
      order.add("row " + record.getTableName());
      String key = key(record);
      switch (record.getType()) {
        case UPSERT -> {
          rows.put(key, new LinkedHashMap<>(record.getDataMap()));
          gone.remove(key); // an upsert revives
        }
        case UPDATE -> {
          if (rows.containsKey(key)) {
            rows.get(key).putAll(record.getDataMap());
          }
        }
        case DELETE -> {
          if (rows.containsKey(key)) {
            gone.add(key);
          }
        }
        default -> throw new AssertionError("unexpected record type " + record.getType());
      }
    }

    /** A table's rows as domain values, typed by the declared schema (vectors decoded from JSON). */
    List<Map<String, Object>> rows(String table) {
      Map<String, Column> columns = new LinkedHashMap<>();
      schema.get(table).getColumnsList().forEach(c -> columns.put(c.getName(), c));
      List<Map<String, Object>> out = new ArrayList<>();
      Set<String> gone = deleted.getOrDefault(table, Set.of());
      for (Map.Entry<String, Map<String, ValueType>> entry : tables.getOrDefault(table, Map.of()).entrySet()) {
        if (gone.contains(entry.getKey())) {
          continue; // the live rows, as a query WHERE NOT _fivetran_deleted sees them
        }
        Map<String, ValueType> row = entry.getValue();
        Map<String, Object> values = new LinkedHashMap<>();
        columns.forEach((name, column) -> values.put(name, decode(row.get(name), table.equals("usual_spots")
            && name.equals("embedding"))));
        out.add(values);
      }
      return out;
    }
  }

  static Object decode(ValueType value, boolean vector) {
    if (value == null) {
      return null;
    }
    return switch (value.getInnerCase()) {
      case NULL, INNER_NOT_SET -> null;
      case BOOL -> value.getBool();
      case SHORT -> (short) value.getShort();
      case INT -> value.getInt();
      case LONG -> value.getLong();
      case FLOAT -> value.getFloat();
      case DOUBLE -> value.getDouble();
      case DECIMAL -> new BigDecimal(value.getDecimal());
      case NAIVE_DATE -> LocalDate.ofEpochDay(Math.floorDiv(value.getNaiveDate().getSeconds(), 86_400));
      case NAIVE_DATETIME -> LocalDateTime.ofEpochSecond(value.getNaiveDatetime().getSeconds(),
          value.getNaiveDatetime().getNanos(), ZoneOffset.UTC);
      case UTC_DATETIME -> Instant.ofEpochSecond(value.getUtcDatetime().getSeconds(), value.getUtcDatetime().getNanos());
      case BINARY -> value.getBinary().toByteArray();
      case STRING -> value.getString();
      case JSON -> vector ? floats(value.getJson()) : value.getJson();
      default -> throw new AssertionError("unexpected value " + value.getInnerCase());
    };
  }

  static float[] floats(String json) {
    try {
      double[] parsed = JSON.readValue(json, double[].class);
      float[] out = new float[parsed.length];
      for (int i = 0; i < out.length; i++) {
        out[i] = (float) parsed[i];
      }
      return out;
    } catch (java.io.IOException e) {
      throw new AssertionError("vector is not a JSON array: " + json, e);
    }
  }

  Model update(Map<String, String> config, String state, Selection selection, List<Table> declared) {
    UpdateRequest.Builder request = UpdateRequest.newBuilder().putAllConfiguration(config);
    if (state != null) {
      request.setStateJson(state);
    }
    if (selection != null) {
      request.setSelection(selection);
    }
    Model model = new Model(declared);
    for (Iterator<UpdateResponse> it = connector.withDeadlineAfter(120, TimeUnit.SECONDS).update(request.build());
        it.hasNext(); ) {
      model.apply(it.next());
    }
    return model;
  }

  void assertModelEqualsSource(Model model) throws Exception {
    try (Connection c = db.connect()) {
      for (Map.Entry<String, String> table : TableComparison.SEED_KEYS.entrySet()) {
        Set<String> vectors = table.getKey().equals("usual_spots") ? Set.of("embedding") : Set.of();
        List<Map<String, String>> source = SourceTables.source(c, table.getKey(), table.getValue(), vectors);
        List<Map<String, String>> received = SourceTables.destination(model.rows(table.getKey()));
        assertThat(received).as(table.getKey()).containsExactlyInAnyOrderElementsOf(source);
      }
    }
  }

  @Test
  void playsTheTesterFormTestSchemaUpdateThenAnIncrementalUpdateFromTheCheckpoint(@TempDir Path folder)
      throws Exception {
    ConfigurationFormResponse form = connector.configurationForm(ConfigurationFormRequest.getDefaultInstance());
    assertThat(form.getFieldsList()).extracting(FormField::getName).contains("TIDB_HOST", "TIDB_PORT", "TIDB_USER",
        "TIDB_PASS", "TIDB_DATABASE", "TABLES_PRIMARY_KEY_COLUMNS", "VECTOR_TABLES_DATA", "CURSOR_COLUMN",
        "LOOKBACK_SECONDS", "TLS_MODE", "TLS_CA_CERTIFICATE");
    assertThat(form.getFieldsList()).filteredOn(f -> f.getName().equals("TLS_CA_CERTIFICATE")).singleElement()
        .satisfies(f -> assertThat(f.hasUploadField()).isTrue());
    assertThat(form.getFieldsList()).filteredOn(f -> f.getName().equals("TIDB_PASS")).singleElement()
        .satisfies(f -> assertThat(f.getTextField()).isEqualTo(TextField.Password));
    assertThat(form.getFieldsList()).filteredOn(f -> f.getName().equals("TIDB_PORT")).singleElement()
        .satisfies(f -> assertThat(f.getDefaultValue()).isEqualTo("4000"));
    assertThat(form.getTestsList()).extracting(t -> t.getName()).containsExactly("connect");

    Map<String, String> config = configuration(server().password());
    TestResponse test = connector.test(TestRequest.newBuilder().setName("connect").putAllConfiguration(config).build());
    assertThat(test.getSuccess()).as(test.getFailure()).isTrue();

    SchemaResponse schema = connector.schema(SchemaRequest.newBuilder().putAllConfiguration(config).build());
    List<Table> declared = schema.getWithoutSchema().getTablesList();
    assertThat(declared).extracting(Table::getName)
        .containsExactlyInAnyOrder("caretakers", "patients", "patient_metadata", "usual_spots");
    Map<String, Column> caretakers = new LinkedHashMap<>();
    declared.stream().filter(t -> t.getName().equals("caretakers")).findFirst().orElseThrow()
        .getColumnsList().forEach(c -> caretakers.put(c.getName(), c));
    assertThat(caretakers.get("id").getPrimaryKey()).isTrue();
    assertThat(caretakers.get("hourly_rate").getType()).isEqualTo(DataType.DECIMAL);
    assertThat(caretakers.get("hourly_rate").getParams().getDecimal().getPrecision()).isEqualTo(8);
    assertThat(caretakers.get("hourly_rate").getParams().getDecimal().getScale()).isEqualTo(2);
    assertThat(caretakers.get("active").getType()).as("TINYINT(1) stays an integer by default").isEqualTo(DataType.SHORT);
    assertThat(caretakers.get("created_at").getType()).isEqualTo(DataType.UTC_DATETIME);
    Map<String, DataType> spots = new LinkedHashMap<>();
    declared.stream().filter(t -> t.getName().equals("usual_spots")).findFirst().orElseThrow()
        .getColumnsList().forEach(c -> spots.put(c.getName(), c.getType()));
    assertThat(spots).containsEntry("embedding", DataType.JSON);

    Model first = update(config, null, null, declared);
    assertThat(first.tasks).isEmpty();
    assertThat(first.warnings).isEmpty();
    assertThat(first.checkpoint).contains("patients_last_created");
    assertModelEqualsSource(first);

    // The same source through the DuckDB destination holds the same rows.
    Files.writeString(folder.resolve("configuration.json"), JSON.writeValueAsString(config));
    JarRun duck = JarRun.run(folder, Map.of(), "sync");
    assertThat(duck.exitCode()).as(duck.toString()).isZero();
    for (String table : TableComparison.SEED_KEYS.keySet()) {
      assertThat(SourceTables.destination(first.rows(table))).as(table).containsExactlyInAnyOrderElementsOf(
          SourceTables.destination(DuckDbTables.read(folder.resolve("warehouse.duckdb"), db.name(), table)));
    }

    db.execute("""
        INSERT INTO patients VALUES (3001, 1, 'Late', '2000-01-01', 70.5, 'n', '2025-06-01 00:00:00');
        INSERT INTO patients VALUES (3002, 2, 'Later', NULL, NULL, NULL, '2025-06-01 00:00:00');
        INSERT INTO usual_spots VALUES (501, 3001, 'New spot', '[0.5,-0.25,1e-3]', '2025-06-01 00:00:00')
        """);
    try {
      Model second = update(config, first.checkpoint, null, declared);
      assertThat(second.tasks).isEmpty();
      assertThat(second.records).as("only the new rows").isEqualTo(Map.of("patients", 2, "usual_spots", 1));
      // Fivetran's tables: the first sync's rows with the second's applied.
      second.tables.forEach((table, rows) -> first.tables.get(table).putAll(rows));
      assertModelEqualsSource(first);
    } finally {
      db.execute("DELETE FROM patients WHERE id IN (3001, 3002);\nDELETE FROM usual_spots WHERE id = 501");
    }
  }

  /** As the source guide says: a copy from the start (first sync, re-sync) begins with a TRUNCATE; an incremental one does not. */
  @Test
  void aFirstSyncAndAResyncBeginWithATruncateAndAnIncrementalSyncDoesNot() throws Exception {
    Map<String, String> config = configuration(server().password());
    List<Table> declared = connector.schema(SchemaRequest.newBuilder().putAllConfiguration(config).build())
        .getWithoutSchema().getTablesList();
    Model first = update(config, null, null, declared);
    assertThat(first.tasks).isEmpty();
    assertThat(first.truncates).as("one TRUNCATE per table, before its rows")
        .containsExactlyInAnyOrder("caretakers@0", "patients@0", "patient_metadata@0", "usual_spots@0");
    Model incremental = update(config, first.checkpoint, null, declared);
    assertThat(incremental.truncates).isEmpty();
    // Fivetran's re-sync clears the state: the rows it holds are soft-deleted, then sent again and live.
    for (UpdateResponse response : updateResponses(config, null)) {
      first.apply(response);
    }
    assertThat(first.truncates).hasSize(8);
    assertModelEqualsSource(first);
  }

  /**
   * Without a key of its own, a table is sent whole after a TRUNCATE every sync on MariaDB, so changed and
   * deleted rows do not stay live. On TiDB the same table is keyed by its hidden {@code _tidb_rowid}: it is
   * declared with that key, synced incrementally, and its deletes are found by delete detection.
   */
  @Test
  void aTableWithoutKeyIsDeclaredWithAKeyAndEndsEqualToTheSource() throws Exception {
    db.execute("CREATE TABLE visits (place VARCHAR(20), n INT, created_at DATETIME);\n"
        + "INSERT INTO visits VALUES ('park', 1, '2024-01-01'), ('park', 1, '2024-01-01'), ('zoo', 2, '2024-01-02')");
    try {
      Map<String, String> config = configuration(server().password());
      config.put("TABLES_PRIMARY_KEY_COLUMNS", "{\"visits\": \"\"}");
      config.remove("VECTOR_TABLES_DATA");
      if (server().isTidb()) {
        config.put("DELETE_DETECTION", "[\"visits\"]");
      }
      List<Table> declared = connector.schema(SchemaRequest.newBuilder().putAllConfiguration(config).build())
          .getWithoutSchema().getTablesList();
      List<String> keys = declared.get(0).getColumnsList().stream()
          .filter(Column::getPrimaryKey).map(Column::getName).toList();
      assertThat(keys).containsExactly(server().isTidb() ? "_tidb_rowid" : "_fivetran_id");
      Model model = update(config, null, null, declared);
      assertThat(model.tasks).isEmpty();
      assertThat(places(model)).containsExactlyInAnyOrder("park:1", "park:1", "zoo:2");
      db.execute("UPDATE visits SET n = 5, created_at = '2024-02-03' WHERE place = 'zoo';\n"
          + "DELETE FROM visits WHERE place = 'park' LIMIT 1;\nINSERT INTO visits VALUES ('lake', 3, '2024-02-02')");
      int truncatesBefore = model.truncates.size();
      for (UpdateResponse response : updateResponses(config, model.checkpoint)) {
        model.apply(response);
      }
      assertThat(model.tasks).isEmpty();
      assertThat(places(model)).containsExactlyInAnyOrder("park:1", "zoo:5", "lake:3");
      assertThat(model.truncates).as("the second sync is whole (MariaDB) or detects its delete by a whole read (TiDB)")
          .hasSize(truncatesBefore + 1);
    } finally {
      db.execute("DROP TABLE visits");
    }
  }

  private static List<String> places(Model model) {
    return model.rows("visits").stream().map(r -> r.get("place") + ":" + r.get("n")).toList();
  }

  private List<UpdateResponse> updateResponses(Map<String, String> config, String state) {
    UpdateRequest.Builder request = UpdateRequest.newBuilder().putAllConfiguration(config);
    if (state != null) {
      request.setStateJson(state);
    }
    List<UpdateResponse> out = new ArrayList<>();
    connector.withDeadlineAfter(120, TimeUnit.SECONDS).update(request.build()).forEachRemaining(out::add);
    return out;
  }

  /**
   * Fivetran is told of each table's definition once, as the Schema call declared it, and again by
   * a SchemaChange before the rows of an Update in which a column was added at the source.
   */
  @Test
  void aColumnAddedAtTheSourceIsDeclaredByASchemaChangeBeforeTheRowsThatCarryIt() throws Exception {
    Map<String, String> config = configuration(server().password());
    List<Table> declared = connector.schema(SchemaRequest.newBuilder().putAllConfiguration(config).build())
        .getWithoutSchema().getTablesList();
    Model first = update(config, null, null, declared);
    assertThat(first.tasks).isEmpty();
    assertThat(first.schemaChanges).as("each table once, as the Schema call declared it")
        .containsExactlyInAnyOrderElementsOf(declared);
    Model quiet = update(config, first.checkpoint, null, declared);
    assertThat(quiet.schemaChanges).isEmpty();

    String createdAt;
    try (Connection c = db.connect(); java.sql.Statement st = c.createStatement();
        java.sql.ResultSet rs = st.executeQuery("SELECT CAST(created_at AS CHAR) FROM caretakers WHERE id = 1")) {
      assertThat(rs.next()).isTrue();
      createdAt = rs.getString(1);
    }
    db.execute("ALTER TABLE caretakers ADD COLUMN shift VARCHAR(10) DEFAULT 'night'");
    try {
      db.execute("UPDATE caretakers SET shift = 'day', created_at = '2025-07-01 00:00:00' WHERE id = 1");
      Model changed = update(config, quiet.checkpoint, null, declared);
      assertThat(changed.tasks).isEmpty();
      assertThat(changed.schemaChanges).singleElement().satisfies(table -> {
        assertThat(table.getName()).isEqualTo("caretakers");
        assertThat(table.getColumnsList()).extracting(Column::getName).contains("shift");
        assertThat(table.getColumnsList()).filteredOn(c -> c.getName().equals("shift")).singleElement()
            .satisfies(c -> assertThat(c.getType()).isEqualTo(DataType.STRING));
      });
      assertThat(changed.records).containsKey("caretakers");
      assertThat(changed.order.indexOf("schema caretakers")).as("declared before its rows")
          .isLessThan(changed.order.indexOf("row caretakers"));
      for (Model m : List.of(first, quiet)) {
        for (String table : declared.stream().map(Table::getName).toList()) {
          assertThat(m.order.indexOf("schema " + table)).isLessThanOrEqualTo(
              m.order.indexOf("row " + table) < 0 ? Integer.MAX_VALUE : m.order.indexOf("row " + table));
        }
      }
    } finally {
      db.execute("ALTER TABLE caretakers DROP COLUMN shift;\nUPDATE caretakers SET created_at = '" + createdAt
          + "' WHERE id = 1");
    }
  }

  /**
   * Every row sent counts toward the customer's monthly active rows: rows the look-back window
   * reads again unchanged are not sent again, a changed row is, and so is a row changed back to an
   * earlier value.
   */
  @Test
  void rowsReadAgainByTheLookBackAreSentOnlyWhenTheyChanged() throws Exception {
    Map<String, String> config = configuration(server().password());
    config.put("LOOKBACK_SECONDS", Integer.toString(30 * 86_400));
    List<Table> declared = connector.schema(SchemaRequest.newBuilder().putAllConfiguration(config).build())
        .getWithoutSchema().getTablesList();
    db.execute("""
        INSERT INTO patients VALUES (3101, 1, 'Look', '2000-01-01', 70.5, 'n', '2025-06-01 00:00:00');
        INSERT INTO patients VALUES (3102, 2, 'Back', NULL, NULL, NULL, '2025-06-01 00:00:00')
        """);
    try {
      Model first = update(config, null, null, declared);
      assertThat(first.tasks).isEmpty();
      assertModelEqualsSource(first);

      Model again = update(config, first.checkpoint, null, declared);
      assertThat(again.tasks).isEmpty();
      assertThat(again.records).as("nothing changed, nothing sent").isEmpty();
      assertThat(again.checkpoint).isNotNull();

      // Changed without moving its cursor: only the look-back reads it again, and it alone is sent.
      db.execute("UPDATE patients SET full_name = 'Changed' WHERE id = 3101");
      Model changed = update(config, again.checkpoint, null, declared);
      assertThat(changed.records).isEqualTo(Map.of("patients", 1));
      assertThat(changed.tables.get("patients")).containsOnlyKeys(keyOf(changed, "patients", 3101L));
      db.execute("UPDATE patients SET full_name = 'Look' WHERE id = 3101");
      Model back = update(config, changed.checkpoint, null, declared);
      assertThat(back.records).as("back to its first value, which Fivetran no longer holds").isEqualTo(Map.of("patients", 1));

      for (Model later : List.of(again, changed, back)) {
        later.tables.forEach((table, rows) -> first.tables.get(table).putAll(rows));
      }
      assertModelEqualsSource(first);
      // A re-sync (no state) sends everything again after its TRUNCATE.
      Model resync = update(config, null, null, declared);
      assertThat(resync.records.get("patients")).isEqualTo(first.tables.get("patients").size());
    } finally {
      db.execute("DELETE FROM patients WHERE id IN (3101, 3102)");
    }
  }

  private static String keyOf(Model model, String table, long id) {
    return model.tables.get(table).keySet().stream().filter(k -> k.startsWith("long: " + id + "\n"))
        .findFirst().orElseThrow(() -> new AssertionError("no row " + id + " in " + model.tables.get(table).keySet()));
  }

  @Test
  void deletesAreFoundByATruncateAndTheWholeTableSentAgain() throws Exception {
    Map<String, String> config = configuration(server().password());
    config.put("DELETE_DETECTION", "[\"caretakers\"]");
    List<Table> declared = connector.schema(SchemaRequest.newBuilder().putAllConfiguration(config).build())
        .getWithoutSchema().getTablesList();
    Model model = new Model(declared);
    UpdateRequest.Builder request = UpdateRequest.newBuilder().putAllConfiguration(config);
    connector.update(request.build()).forEachRemaining(model::apply);
    assertThat(model.tasks).isEmpty();
    assertModelEqualsSource(model);
    // TiDB has no CREATE TABLE ... AS SELECT (v8.5: "not implemented yet").
    db.execute("CREATE TABLE caretakers_saved LIKE caretakers;\n"
        + "INSERT INTO caretakers_saved SELECT * FROM caretakers WHERE id IN (5, 6);\n"
        + "DELETE FROM caretakers WHERE id IN (5, 6)");
    try {
      connector.update(request.setStateJson(model.checkpoint).build()).forEachRemaining(model::apply);
      assertThat(model.tasks).isEmpty();
      assertThat(model.deleted.get("caretakers")).hasSize(2);
      assertModelEqualsSource(model);
    } finally {
      db.execute("INSERT INTO caretakers SELECT * FROM caretakers_saved;\nDROP TABLE caretakers_saved");
    }
  }

  @Test
  void deselectedTablesAndColumnsAreNotSent() {
    Map<String, String> config = configuration(server().password());
    List<Table> declared = connector.schema(SchemaRequest.newBuilder().putAllConfiguration(config).build())
        .getWithoutSchema().getTablesList();
    Selection selection = Selection.newBuilder().setWithoutSchema(TablesWithNoSchema.newBuilder()
        .setIncludeNewTables(false)
        .addTables(TableSelection.newBuilder().setTableName("caretakers").setIncluded(false))
        .addTables(TableSelection.newBuilder().setTableName("patients").setIncluded(true)
            .putColumns("notes", false).putColumns("full_name", false).setIncludeNewColumns(true))
        .addTables(TableSelection.newBuilder().setTableName("usual_spots").setIncluded(true).setIncludeNewColumns(true)))
        .build();
    Model model = update(config, null, selection, declared);
    assertThat(model.tasks).isEmpty();
    assertThat(model.records).containsOnlyKeys("patients", "usual_spots");
    assertThat(model.tables.get("patients").values()).allSatisfy(row ->
        assertThat(row).containsKeys("id", "created_at", "birth_date").doesNotContainKeys("notes", "full_name"));
  }

  @Test
  void aWrongPasswordIsATestFailureNamingAuthentication() {
    TestResponse test = connector.test(TestRequest.newBuilder().setName("connect")
        .putAllConfiguration(configuration("not-the-password-917")).build());
    assertThat(test.hasFailure()).isTrue();
    assertThat(test.getFailure()).contains("authentication").contains("TIDB_PASS")
        .doesNotContain("not-the-password-917").doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void anUnknownTestNameIsAFailureNamingTheOneTest() {
    TestResponse test = connector.test(TestRequest.newBuilder().setName("connectivity")
        .putAllConfiguration(configuration(server().password())).build());
    assertThat(test.getFailure()).contains("unknown test 'connectivity'").contains("'connect'");
  }

  /** A server that accepts the TCP connection but never speaks: the login gives up at the connect timeout. */
  @Test
  void aSourceThatAcceptsButNeverAnswersFailsTestAndUpdateWithinTheConnectTimeout() throws Exception {
    try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      Map<String, String> config = configuration(server().password());
      config.put("TIDB_HOST", "127.0.0.1");
      config.put("TIDB_PORT", Integer.toString(silent.getLocalPort()));
      config.put("CONNECT_TIMEOUT_SECONDS", "2");
      long start = System.nanoTime();
      TestResponse test = connector.withDeadlineAfter(60, TimeUnit.SECONDS).test(TestRequest.newBuilder().setName("connect").putAllConfiguration(config).build());
      double testSeconds = (System.nanoTime() - start) / 1e9;
      assertThat(test.getFailure()).contains("127.0.0.1");
      assertThat(testSeconds).as("Test gave up after the 2 s connect timeout, not the 600 s read timeout")
          .isLessThan(20);
      start = System.nanoTime();
      Model model = update(config, null, null, List.of());
      assertThat(model.tasks).hasSize(1);
      assertThat((System.nanoTime() - start) / 1e9).isLessThan(60);
    }
  }

  @Test
  void theFormOffersBothTimeoutsAndThePasswordHelpSaysNothingOfEnvironmentVariables() {
    ConfigurationFormResponse form = connector.configurationForm(ConfigurationFormRequest.getDefaultInstance());
    assertThat(form.getFieldsList()).extracting(f -> f.getName())
        .contains("CONNECT_TIMEOUT_SECONDS", "SOCKET_TIMEOUT_SECONDS");
    assertThat(form.getFieldsList()).filteredOn(f -> f.getName().equals("TIDB_PASS")).singleElement()
        .satisfies(f -> assertThat(f.getDescription()).doesNotContainIgnoringCase("environment"));
  }

  @Test
  void aCorruptStateIsOneTaskNamingTheStateAndNothingIsSent() {
    Map<String, String> config = configuration(server().password());
    Model model = update(config, "{\"patients_last_created\": ", null, List.of());
    assertThat(model.records).isEmpty();
    assertThat(model.tasks).singleElement().asString().contains("state_json").contains("corrupt");
    // The tool's own section in a wrong shape is corrupt too: read as empty, it would re-send everything.
    model = update(config, "{\"tidbsync\": 5}", null, List.of());
    assertThat(model.records).isEmpty();
    assertThat(model.tasks).singleElement().asString().contains("state_json").contains("\"tidbsync\" must be an object");
  }

  @Test
  void badConfigurationIsATestFailureNamingTheKey() {
    Map<String, String> config = configuration(server().password());
    config.put("TIDB_PORT", "forty");
    TestResponse test = connector.test(TestRequest.newBuilder().setName("connect").putAllConfiguration(config).build());
    assertThat(test.getFailure()).contains("TIDB_PORT").contains("forty");
  }

  @Test
  void zeroDatesWrittenAsNullAreAWarningOnTheDashboard() {
    db.execute("""
        SET SESSION sql_mode = 'ALLOW_INVALID_DATES';
        CREATE TABLE zero_dates (id INT PRIMARY KEY, d DATE, created_at DATETIME);
        INSERT INTO zero_dates VALUES (1, '0000-00-00', '2024-01-01'), (2, '2024-02-02', '2024-01-01')
        """);
    try {
      Map<String, String> config = configuration(server().password());
      config.put("TABLES_PRIMARY_KEY_COLUMNS", "{\"zero_dates\": \"id\"}");
      config.remove("VECTOR_TABLES_DATA");
      List<Table> declared = connector.schema(SchemaRequest.newBuilder().putAllConfiguration(config).build())
          .getWithoutSchema().getTablesList();
      Model model = update(config, null, null, declared);
      assertThat(model.tasks).isEmpty();
      assertThat(model.records).containsEntry("zero_dates", 2);
      assertThat(model.warnings).anySatisfy(w -> assertThat(w).contains("table zero_dates")
          .contains("1 zero date (0000-00-00) was written as NULL"));
    } finally {
      db.execute("DROP TABLE zero_dates");
    }
  }

  @Test
  void aHostCarryingDriverParametersIsRefusedByTestAndUpdateWithoutAnyConnection() throws Exception {
    try (java.net.ServerSocket listener = new java.net.ServerSocket(0)) {
      listener.setSoTimeout(1);
      Map<String, String> config = configuration(server().password());
      config.put("TIDB_HOST", "127.0.0.1:" + listener.getLocalPort() + "/?allowLoadLocalInfile=true&x=");
      TestResponse test = connector.test(TestRequest.newBuilder().setName("connect").putAllConfiguration(config).build());
      assertThat(test.getFailure()).contains("TIDB_HOST must be a host name or an IP address");
      Model model = update(config, null, null, List.of());
      assertThat(model.records).isEmpty();
      assertThat(model.tasks).singleElement().asString().contains("TIDB_HOST must be a host name or an IP address");
      assertThatThrownBy(listener::accept).isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  @Test
  void aConfigurationFromTheNetworkCannotNameLocalFilesOrTellWhetherTheyExist(@TempDir Path folder) throws Exception {
    Path exists = Files.writeString(folder.resolve("ca.pem"), "not a certificate");
    List<String> failures = new ArrayList<>();
    for (String file : new String[] {exists.toString(), folder.resolve("missing.pem").toString(), "/etc/shadow"}) {
      Map<String, String> config = configuration(server().password());
      config.put("TLS_CA_FILE", file);
      TestResponse test = connector.test(TestRequest.newBuilder().setName("connect").putAllConfiguration(config).build());
      assertThat(test.getFailure()).contains("TLS_CA_FILE is not accepted by serve").doesNotContain(file);
      failures.add(test.getFailure());
    }
    assertThat(failures).as("the same answer whether the file exists or not").containsOnly(failures.get(0));
    Map<String, String> config = configuration(server().password());
    config.put("STATE_JDBC_URL", "jdbc:duckdb:/tmp/x.duckdb");
    config.put("DUCKDB_FILE", "/tmp/x.duckdb");
    TestResponse test = connector.test(TestRequest.newBuilder().setName("connect").putAllConfiguration(config).build());
    assertThat(test.getFailure()).contains("STATE_JDBC_URL is not accepted by serve").contains("DUCKDB_FILE is not accepted");
  }
}
