package io.tidbsync.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.VectorHint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationLoaderTest {
  /** The seed README's configuration.json, verbatim. */
  static final String SEED = """
      {
      "TIDB_HOST": "host.example.com",
      "TIDB_USER": "tidb_user",
      "TIDB_PASS": "tidb_password",
      "TIDB_PORT": "4000",
      "TIDB_DATABASE": "my_database",
      "TABLES_PRIMARY_KEY_COLUMNS": "{\\"table1\\":\\"id1\\",\\"table2\\":\\"id2\\"}",
      "VECTOR_TABLES_DATA": "{\\"vector_table1\\":{\\"primary_key_column\\":\\"id3\\",\\"vector_column\\":\\"embedding\\"}}"
      }
      """;

  static final ObjectMapper JSON = new ObjectMapper();

  /** The seed with these members added first. */
  static String seedWith(String members) {
    return SEED.replaceFirst("\\{", java.util.regex.Matcher.quoteReplacement("{" + members + ", "));
  }

  static Configuration parse(String json, Map<String, String> env) throws IOException {
    return new ConfigurationLoader(env).parse(JSON.readTree(json));
  }

  static TableRequest seedTable(String name, String key, Optional<VectorHint> vector) {
    return new TableRequest(io.tidbsync.domain.model.TableId.of(name), List.of(key), Optional.of("created_at"),
        vector, false, true);
  }

  @Test
  void theSeedFileWorksUnchangedWithEveryDefault() throws IOException {
    Configuration c = parse(SEED, Map.of());
    // Lossless defaults: rows whose cursor is NULL are copied (NULL_CURSOR_ROWS=include).
    assertThat(c.sync()).isEqualTo(new SyncConfig(List.of(
        seedTable("table1", "id1", Optional.empty()),
        seedTable("table2", "id2", Optional.empty()),
        seedTable("vector_table1", "id3", Optional.of(new VectorHint("embedding", OptionalInt.empty())))),
        "created_at", Map.of(), Set.of(), Set.of(), true, 10_000,
        DateTimePolicy.ASSUME_UTC, RowErrorPolicy.QUARANTINE, Duration.ofHours(1), Duration.ofSeconds(5)));
    assertThat(c.source().host()).isEqualTo("host.example.com");
    assertThat(c.source().port()).isEqualTo(4000);
    assertThat(c.source().password().value()).isEqualTo("tidb_password");
    assertThat(c.source().connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.source().tinyint1AsBoolean()).as("TINYINT(1) stays a number unless asked").isFalse();
    assertThat(c.duckDb().file()).isEqualTo(Path.of("warehouse.duckdb"));
    assertThat(c.duckDb().schema()).isEqualTo("my_database");
    assertThat(c.state().file()).isEqualTo(Path.of("state.json"));
    assertThat(c.destination()).isEqualTo("duckdb");
    assertThat(c.warnings()).isEmpty();
  }

  @Test
  void everyKeyCanBeSetAndRealJsonTypesWorkToo() throws IOException {
    Configuration c = parse("""
        {"TIDB_HOST": "h", "TIDB_PORT": 3306, "TIDB_USER": "u", "TIDB_PASS": "p", "TIDB_DATABASE": "d",
         "TABLES_PRIMARY_KEY_COLUMNS": {"a": "x, y", "b": ["k1", "k2"], "c": ""},
         "VECTOR_TABLES_DATA": {"v": {"primary_key_column": "id", "vector_column": "e", "dimension": 768}},
         "CURSOR_COLUMN": "updated_at", "BATCH_SIZE": 500, "DATETIME_MODE": "naive", "ROW_ERROR_POLICY": "fail",
         "TINYINT1_AS_BOOLEAN": false, "CONNECT_TIMEOUT_SECONDS": "3", "SOCKET_TIMEOUT_SECONDS": 30,
         "DESTINATION": "duckdb", "DUCKDB_FILE": "out/w.db", "DUCKDB_SCHEMA": "tester", "STATE_FILE": "s/state.json",
         "CURSOR_COLUMNS": {"b": "id"}, "FULL_REFRESH_TABLES": "c", "DELETE_DETECTION": ["a", "c"],
         "NULL_CURSOR_ROWS": "include", "LOOKBACK_SECONDS": "600", "CLOCK_SKEW_SECONDS": 2}
        """, Map.of());
    assertThat(c.sync().tables()).extracting(t -> t.table().name() + ":" + t.cursorColumn().orElse("FULL") + ":"
            + t.detectDeletes() + ":" + t.includeNullCursor())
        .containsExactly("a:updated_at:true:true", "b:id:false:true", "c:FULL:true:true", "v:updated_at:false:true");
    assertThat(c.sync().lookBack()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.sync().clockSkew()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.sync().tables()).extracting(t -> t.table().name() + "=" + t.primaryKey())
        .containsExactly("a=[x, y]", "b=[k1, k2]", "c=[]", "v=[id]");
    assertThat(c.sync().tables().get(3).vector()).contains(new VectorHint("e", OptionalInt.of(768)));
    assertThat(c.sync().batchSize()).isEqualTo(500);
    assertThat(c.sync().dateTimePolicy()).isEqualTo(DateTimePolicy.KEEP_NAIVE);
    assertThat(c.sync().rowErrorPolicy()).isEqualTo(RowErrorPolicy.FAIL);
    assertThat(c.source().port()).isEqualTo(3306);
    assertThat(c.source().tinyint1AsBoolean()).isFalse();
    assertThat(c.source().connectTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.source().socketTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.duckDb().file()).isEqualTo(Path.of("out/w.db"));
    assertThat(c.duckDb().schema()).isEqualTo("tester");
    assertThat(c.state().file()).isEqualTo(Path.of("s/state.json"));
  }

  @Test
  void everyProblemIsReportedOnceNamingItsKey() {
    assertThatThrownBy(() -> parse("""
        {"TIDB_HOST": "", "TIDB_PORT": "forty", "TIDB_USER": "u", "TIDB_PASS": "p", "TIDB_DATABASE": "d",
         "BATCH_SIZE": 0, "DATETIME_MODE": "local", "TABLES_PRIMARY_KEY_COLUMNS": "{\\"t\\": id}",
         "DUCKDB_MEMORY_LIMIT": "lots'; DROP TABLE x; --", "DUCKDB_THREADS": "0; SET x"}
        """, Map.of()))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("TIDB_HOST"))
            .anySatisfy(p -> assertThat(p).startsWith("TIDB_PORT").contains("forty"))
            .anySatisfy(p -> assertThat(p).startsWith("BATCH_SIZE"))
            .anySatisfy(p -> assertThat(p).startsWith("DATETIME_MODE").contains("naive, utc"))
            .anySatisfy(p -> assertThat(p).startsWith("TABLES_PRIMARY_KEY_COLUMNS is not valid JSON"))
            .anySatisfy(p -> assertThat(p).startsWith("DUCKDB_MEMORY_LIMIT must be a size"))
            .anySatisfy(p -> assertThat(p).startsWith("DUCKDB_THREADS must be a whole number").contains("0; SET x"))
            .hasSize(7));
    assertThatThrownBy(() -> parse(seedWith("\"DUCKDB_THREADS\": \"0\""), Map.of()))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .containsExactly("DUCKDB_THREADS must be between 1 and 1024, found 0"));
  }

  @Test
  void duckDbThreadsAreChosenPerTableUnlessFixed() throws IOException {
    assertThat(parse(SEED, Map.of()).duckDb().threads()).isNull();
    assertThat(parse(seedWith("\"DUCKDB_THREADS\": \"auto\""), Map.of()).duckDb().threads()).isNull();
    Configuration fixed = parse(seedWith("\"DUCKDB_THREADS\": \"3\", \"PARALLELISM\": \"2\""), Map.of());
    assertThat(fixed.duckDb().threads()).isEqualTo(3);
    assertThat(fixed.duckDb().readers()).isEqualTo(2);
  }

  @Test
  void theEnvironmentSuppliesOrOverridesThePasswordWhichNeverPrints() throws IOException {
    String noPass = SEED.replace("\"TIDB_PASS\": \"tidb_password\",", "");
    assertThatThrownBy(() -> parse(noPass, Map.of())).hasMessageContaining("TIDB_PASS is missing");
    Configuration c = parse(noPass, Map.of("TIDB_PASS", "from-env"));
    assertThat(c.source().password().value()).isEqualTo("from-env");
    assertThat(parse(SEED, Map.of("TIDB_PASS", "env-wins")).source().password().value()).isEqualTo("env-wins");
    assertThat(c.toString()).doesNotContain("from-env");
  }

  @Test
  void unknownKeysAreWarningsAndWrongShapesAreErrors() throws IOException {
    assertThat(parse(SEED.replaceFirst("\\{", "{\"TIDB_HOTS\": \"x\","), Map.of()).warnings())
        .singleElement().asString().contains("TIDB_HOTS");
    assertThatThrownBy(() -> parse(SEED.replace("\"TIDB_PORT\": \"4000\"", "\"TIDB_PORT\": [4000]"), Map.of()))
        .hasMessageContaining("TIDB_PORT must be a string");
    assertThatThrownBy(() -> parse(SEED.replace("\\\"vector_column\\\":\\\"embedding\\\"", "\\\"dimension\\\":-1"), Map.of()))
        .hasMessageContaining("VECTOR_TABLES_DATA.vector_table1.vector_column is missing");
    String listInsteadOfMap = SEED.replaceFirst("\"TABLES_PRIMARY_KEY_COLUMNS\": \"[^\n]*\n",
        "\"TABLES_PRIMARY_KEY_COLUMNS\": \"[\\\\\"table1\\\\\"]\",\n");
    assertThatThrownBy(() -> parse(listInsteadOfMap, Map.of()))
        .hasMessageContaining("TABLES_PRIMARY_KEY_COLUMNS must be a JSON object");
  }

  static String withKeys(String keys) {
    return SEED.replaceFirst("\\{", "{" + keys + ",");
  }

  @Test
  void destinationsAndStateStoresAreChosenByKeyWithTheirOwnKeysChecked() throws IOException {
    assertThatThrownBy(() -> parse(withKeys("\"DESTINATION\": \"postgres\""), Map.of()))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems())
            .anySatisfy(p -> assertThat(p).startsWith("POSTGRES_URL is missing"))
            .anySatisfy(p -> assertThat(p).startsWith("POSTGRES_USER is missing")));
    assertThatThrownBy(() -> parse(withKeys("\"DESTINATION\": \"postgres\", \"POSTGRES_USER\": \"u\", "
        + "\"POSTGRES_URL\": \"jdbc:mysql://h/db?password=hunter2\""), Map.of()))
        .hasMessageContaining("POSTGRES_URL must start with jdbc:postgresql://").hasMessageNotContaining("hunter2");
    Configuration pg = parse(withKeys("\"DESTINATION\": \"POSTGRES\", \"POSTGRES_USER\": \"u\", "
        + "\"POSTGRES_URL\": \"jdbc:postgresql://h:5432/w\", \"POSTGRES_PASSWORD\": \"in-file\", \"STATE\": \"destination\""),
        Map.of("POSTGRES_PASSWORD", "from-env"));
    assertThat(pg.destination()).isEqualTo("postgres");
    assertThat(pg.postgres()).hasValueSatisfying(c -> {
      assertThat(c.password().value()).isEqualTo("from-env");
      assertThat(c.schema()).isEqualTo("my_database");
    });
    assertThat(pg.stateStore()).isEqualTo("destination");
    assertThat(pg.stateName()).isEqualTo("my_database");
    assertThat(pg.toString()).doesNotContain("from-env").doesNotContain("in-file");
    Configuration inUrl = parse(withKeys("\"DESTINATION\": \"postgres\", \"POSTGRES_USER\": \"u\", "
        + "\"POSTGRES_URL\": \"jdbc:postgresql://h:5432/w?password=url-secret&sslmode=require\", "
        + "\"STATE\": \"jdbc\", \"STATE_JDBC_URL\": \"jdbc:mysql://h/m?password=state-secret\""), Map.of());
    assertThat(inUrl.toString()).doesNotContain("url-secret").doesNotContain("state-secret").contains("sslmode=require");
    assertThatThrownBy(() -> parse(withKeys("\"DESTINATION\": \"jsonlines\", \"STATE\": \"destination\""), Map.of()))
        .hasMessageContaining("STATE=destination needs a destination with a database");
    assertThatThrownBy(() -> parse(withKeys("\"STATE\": \"jdbc\", \"STATE_JDBC_URL\": \"jdbc:oracle:thin:@h\""), Map.of()))
        .hasMessageContaining("STATE_JDBC_URL: a state database URL must start with");
    assertThatThrownBy(() -> parse(withKeys("\"STATE\": \"redis\""), Map.of()))
        .hasMessageContaining("STATE must be one of destination, file, jdbc");
    Configuration jdbc = parse(withKeys("\"STATE\": \"jdbc\", \"STATE_JDBC_URL\": \"jdbc:mysql://h:4000/meta\", "
        + "\"STATE_NAME\": \"nightly\""), Map.of());
    assertThat(jdbc.jdbcState()).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo("nightly"));
  }

  @Test
  void tlsSettingsAreCheckedWithTheKeyNamed() throws IOException {
    assertThat(parse(SEED, Map.of()).source().tls().name()).isEqualTo("PREFERRED");
    assertThatThrownBy(() -> parse(withKeys("\"TLS_MODE\": \"verify_identity\", \"TLS_CA_CERTIFICATE\": \"not a certificate\""),
        Map.of())).hasMessageContaining("TLS_CA_CERTIFICATE is neither PEM text nor base64 of it");
    assertThatThrownBy(() -> parse(withKeys("\"TLS_MODE\": \"sometimes\""), Map.of()))
        .hasMessageContaining("TLS_MODE must be one of disabled, preferred, required, verify_ca, verify_identity");
    assertThatThrownBy(() -> parse(withKeys("\"TLS_CA_FILE\": \"/nonexistent/ca.pem\""), Map.of()))
        .hasMessageContaining("TLS_CA_FILE /nonexistent/ca.pem cannot be read");
    assertThat(parse(withKeys("\"TLS_MODE\": \"verify_identity\""), Map.of()).source().tls().verifies()).isTrue();
  }

  @Test
  void commandLineFlagsOverrideTheFile(@TempDir Path folder) throws IOException {
    Path file = folder.resolve("c.json");
    Files.writeString(file, withKeys("\"DESTINATION\": \"duckdb\""));
    Configuration c = new ConfigurationLoader(Map.of()).load(file,
        Map.of(ConfigKey.DESTINATION, "jsonlines", ConfigKey.STATE, "file"));
    assertThat(c.destination()).isEqualTo("jsonlines");
    assertThat(c.jsonLines().folder()).isEqualTo(folder.toAbsolutePath().resolve("jsonlines"));
  }

  /** `--config /elsewhere/configuration.json` from any folder finds the same files: relative paths start at the file's folder. */
  @Test
  void relativePathsAreResolvedFromTheConfigurationFilesFolder(@TempDir Path folder) throws IOException {
    Path conf = Files.createDirectories(folder.resolve("conf"));
    Path ca = Files.writeString(conf.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nnot really\n");
    Path file = conf.resolve("c.json");
    Files.writeString(file, withKeys("\"DUCKDB_FILE\": \"data/w.duckdb\", \"JSONLINES_FOLDER\": \"out\""));
    Configuration c = new ConfigurationLoader(Map.of()).load(file);
    Path base = conf.toAbsolutePath();
    assertThat(c.duckDb().file()).isEqualTo(base.resolve("data/w.duckdb"));
    assertThat(c.jsonLines().folder()).isEqualTo(base.resolve("out"));
    assertThat(c.state().file()).as("the default state file too").isEqualTo(base.resolve("state.json"));
    Files.writeString(file, withKeys("\"STATE_FILE\": \"" + folder.resolve("abs.json") + "\""));
    assertThat(new ConfigurationLoader(Map.of()).load(file).state().file()).isEqualTo(folder.resolve("abs.json"));
    // ca.pem beside the configuration is found (and read: it is no certificate), whatever the working folder.
    assertThat(ca).exists();
    Files.writeString(file, withKeys("\"TLS_CA_FILE\": \"ca.pem\""));
    assertThatThrownBy(() -> new ConfigurationLoader(Map.of()).load(file))
        .hasMessageContaining("TLS_CA_FILE").hasMessageNotContaining("cannot be read");
    // A DuckDB state database named by a relative file too; other URLs are left as they are.
    Files.writeString(file, withKeys("\"STATE\": \"jdbc\", \"STATE_JDBC_URL\": \"jdbc:duckdb:s/state.duckdb\""));
    assertThat(new ConfigurationLoader(Map.of()).load(file).jdbcState().orElseThrow().url())
        .isEqualTo("jdbc:duckdb:" + base.resolve("s/state.duckdb"));
    assertThat(ConfigurationLoader.duckDbFileFrom("jdbc:duckdb:/abs/s.duckdb", base)).isEqualTo("jdbc:duckdb:/abs/s.duckdb");
    assertThat(ConfigurationLoader.duckDbFileFrom("jdbc:duckdb:", base)).isEqualTo("jdbc:duckdb:");
    assertThat(ConfigurationLoader.duckDbFileFrom("jdbc:postgresql://h/db", base)).isEqualTo("jdbc:postgresql://h/db");
    assertThat(ConfigurationLoader.duckDbFileFrom("jdbc:duckdb:s.duckdb?threads=1", base))
        .isEqualTo("jdbc:duckdb:" + base.resolve("s.duckdb") + "?threads=1");
  }

  @Test
  void aMissingOrBrokenFileIsAConfigurationError(@TempDir Path folder) throws IOException {
    assertThatThrownBy(() -> new ConfigurationLoader(Map.of()).load(folder.resolve("nope.json")))
        .hasMessageContaining("does not exist");
    Files.writeString(folder.resolve("bad.json"), "{\"TIDB_HOST\": ");
    assertThatThrownBy(() -> new ConfigurationLoader(Map.of()).load(folder.resolve("bad.json")))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void theConfigurationReferenceDocumentsExactlyTheKeysTheLoaderReads() throws IOException {
    String reference = Files.readString(Path.of("../docs/configuration.md"));
    String section = reference.substring(reference.indexOf("## Configuration"));
    int next = section.indexOf("\n## ", 5);
    section = next < 0 ? section : section.substring(0, next);
    Set<String> documented = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `([A-Z_0-9]+)` \\|", Pattern.MULTILINE).matcher(section);
    while (m.find()) {
      documented.add(m.group(1));
    }
    Set<String> read = Arrays.stream(ConfigKey.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    assertThat(documented).isEqualTo(read);
  }

  @Test
  void aSecretNeverShowsItsValue() throws IOException {
    JsonNode seed = JSON.readTree(SEED);
    assertThat(new ConfigurationLoader(Map.of()).parse(seed).source().toString()).doesNotContain("tidb_password");
  }
}
