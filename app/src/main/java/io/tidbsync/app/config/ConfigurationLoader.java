package io.tidbsync.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tidbsync.destination.duckdb.DuckDbConfig;
import io.tidbsync.destination.duckdb.DuckDbDestinationModule;
import io.tidbsync.destination.jsonlines.JsonLinesConfig;
import io.tidbsync.destination.jsonlines.JsonLinesDestinationModule;
import io.tidbsync.destination.postgres.PostgresConfig;
import io.tidbsync.destination.postgres.PostgresDestinationModule;
import io.tidbsync.domain.config.ConfiguredTables;
import io.tidbsync.domain.config.DateTimePolicy;
import io.tidbsync.domain.config.RowErrorPolicy;
import io.tidbsync.domain.config.Secret;
import io.tidbsync.domain.config.Suggestions;
import io.tidbsync.domain.config.SyncConfig;
import io.tidbsync.domain.config.Tuning;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.model.TableRequest;
import io.tidbsync.domain.model.VectorHint;
import io.tidbsync.source.tidb.TidbSourceConfig;
import io.tidbsync.state.file.FileStateConfig;
import io.tidbsync.state.file.FileStateModule;
import io.tidbsync.state.jdbc.JdbcStateConfig;
import io.tidbsync.state.jdbc.JdbcStateModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads {@code configuration.json}: the seed's file works unchanged (every value a string, the two
 * table maps as JSON inside strings), and the same keys as real JSON numbers, booleans and objects
 * work too. Collects every problem, each naming its key, and fails once.
 */
public final class ConfigurationLoader {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  public static final String PASSWORD_ENV = "TIDB_PASS";

  /**
   * Keys refused in a configuration that comes from the network ({@code serve}): they name local
   * files or other servers, and their errors would tell the caller what exists on this machine.
   * Fivetran is the destination there and keeps the state, so none of them is needed.
   */
  static final Set<ConfigKey> LOCAL_ONLY = Set.of(ConfigKey.TLS_CA_FILE, ConfigKey.DUCKDB_FILE, ConfigKey.STATE_FILE,
      ConfigKey.JSONLINES_FOLDER, ConfigKey.STATE_JDBC_URL, ConfigKey.POSTGRES_URL, ConfigKey.DESTINATION,
      ConfigKey.STATE);

  private final Map<String, String> env;
  private final boolean fromNetwork;

  public ConfigurationLoader(Map<String, String> env) {
    this(env, false);
  }

  private ConfigurationLoader(Map<String, String> env, boolean fromNetwork) {
    this.env = Map.copyOf(env);
    this.fromNetwork = fromNetwork;
  }

  /** A loader for configurations that come from the network: keys naming local files or servers are refused. */
  public static ConfigurationLoader forNetwork(Map<String, String> env) {
    return new ConfigurationLoader(env, true);
  }

  public Configuration load(Path file) {
    return load(file, Map.of());
  }

  /** Loads the file with some keys set from elsewhere (command-line flags), which win over the file. */
  public Configuration load(Path file, Map<ConfigKey, String> overrides) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      throw new ConfigurationException(List.of("configuration file " + file + " does not exist"));
    } catch (IOException e) {
      throw new ConfigurationException(List.of("cannot read configuration file " + file + ": " + e.getMessage()));
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ConfigurationException(List.of("configuration file " + file + " is not valid JSON: "
          + e.getOriginalMessage() + " (line " + e.getLocation().getLineNr() + ")"));
    }
    if (root == null || !root.isObject()) {
      throw new ConfigurationException(List.of("configuration file " + file + " must hold a JSON object"));
    }
    overrides.forEach((key, value) -> ((com.fasterxml.jackson.databind.node.ObjectNode) root).put(key.name(), value));
    return parse(root, file.toAbsolutePath().getParent());
  }

  /**
   * A DuckDB state URL naming a relative file ({@code jdbc:duckdb:state.duckdb}) names it from the
   * configuration file's folder, as DUCKDB_FILE and STATE_FILE do; other URLs are unchanged.
   */
  static String duckDbFileFrom(String url, Path folder) {
    String prefix = "jdbc:duckdb:";
    if (folder == null || !url.startsWith(prefix)) {
      return url;
    }
    int query = url.indexOf('?');
    String file = query < 0 ? url.substring(prefix.length()) : url.substring(prefix.length(), query);
    if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("md:") || Path.of(file).isAbsolute()) {
      return url;
    }
    return prefix + folder.resolve(file) + (query < 0 ? "" : url.substring(query));
  }

  /** A configuration that names no file of its own: relative paths are taken from the working folder. */
  public Configuration parse(JsonNode root) {
    return parse(root, null);
  }

  /**
   * @param folder the configuration file's folder: relative paths in it (DUCKDB_FILE, STATE_FILE,
   *     JSONLINES_FOLDER, TLS_CA_FILE, and their defaults) are resolved from there, so a run with
   *     {@code --config /elsewhere/configuration.json} finds the same files whatever its working folder
   */
  private Configuration parse(JsonNode root, Path folder) {
    java.util.function.Function<String, Path> local = text -> folder == null ? Path.of(text) : folder.resolve(text);
    if (fromNetwork) {
      List<String> refused = LOCAL_ONLY.stream().map(Enum::name).filter(root::has).sorted()
          .map(key -> key + " is not accepted by serve: a configuration from the network may not name local files"
              + " or other servers" + (key.equals(ConfigKey.TLS_CA_FILE.name())
                  ? "; paste the certificates into TLS_CA_CERTIFICATE instead" : ""))
          .toList();
      if (!refused.isEmpty()) {
        throw new ConfigurationException(refused);
      }
    }
    Reader r = new Reader(root);
    List<String> warnings = new ArrayList<>();
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (Arrays.stream(ConfigKey.values()).noneMatch(k -> k.name().equals(key))) {
        warnings.add("unknown configuration key " + TableId.printable(key) + " is ignored"
            + Suggestions.hint(key, Arrays.stream(ConfigKey.values()).map(Enum::name).toList()));
      }
    }
    String host = r.requiredText(ConfigKey.TIDB_HOST);
    if (!host.isEmpty() && !HostNames.isHostOrAddress(host)) {
      r.problems.add("TIDB_HOST must be a host name or an IP address, found \""
          + TableId.printable(host) + "\" (no port, path or parameters: set TIDB_PORT for the port)");
      host = "invalid";
    }
    int port = r.integer(ConfigKey.TIDB_PORT, 1, 65535);
    String user = r.requiredText(ConfigKey.TIDB_USER);
    String password = env.getOrDefault(PASSWORD_ENV, r.text(ConfigKey.TIDB_PASS));
    if (password == null) {
      r.problems.add("TIDB_PASS is missing: set it in the configuration or in the environment variable TIDB_PASS");
    }
    String database = r.requiredText(ConfigKey.TIDB_DATABASE);
    String cursor = r.text(ConfigKey.CURSOR_COLUMN);
    int batchSize = r.integer(ConfigKey.BATCH_SIZE, 1, 1_000_000);
    int batchMegabytes = r.integer(ConfigKey.BATCH_MEGABYTES, 1, 1024);
    String parallelismText = r.text(ConfigKey.PARALLELISM);
    int parallelism = Tuning.defaultParallelism();
    if (parallelismText != null && !parallelismText.equalsIgnoreCase("auto")) {
      parallelism = r.integer(ConfigKey.PARALLELISM, 1, 64);
    }
    long splitRows = r.integer(ConfigKey.SPLIT_ROWS, 0, 1_000_000_000);
    DateTimePolicy dateTimes = r.choice(ConfigKey.DATETIME_MODE,
        Map.of("utc", DateTimePolicy.ASSUME_UTC, "naive", DateTimePolicy.KEEP_NAIVE));
    RowErrorPolicy rowErrors = r.choice(ConfigKey.ROW_ERROR_POLICY,
        Map.of("quarantine", RowErrorPolicy.QUARANTINE, "skip", RowErrorPolicy.SKIP, "fail", RowErrorPolicy.FAIL));
    Map<String, String> cursorColumns = new LinkedHashMap<>();
    r.object(ConfigKey.CURSOR_COLUMNS).ifPresent(node -> node.properties().iterator().forEachRemaining(e -> {
      if (e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
        cursorColumns.put(e.getKey(), e.getValue().asText().trim());
      } else {
        r.problems.add("CURSOR_COLUMNS." + e.getKey() + " must be a column name, found " + e.getValue());
      }
    }));
    Set<String> fullRefresh = r.tableList(ConfigKey.FULL_REFRESH_TABLES);
    JsonNode deleteNode = root.get(ConfigKey.DELETE_DETECTION.name());
    String deleteWord = deleteNode != null && deleteNode.isTextual()
        ? deleteNode.asText().trim().toLowerCase(Locale.ROOT) : "";
    Set<String> deletes = switch (deleteWord) {
      case "none", "" -> deleteNode != null && deleteNode.isArray() ? r.tableList(ConfigKey.DELETE_DETECTION) : Set.of();
      case "all" -> Set.of(SyncConfig.ALL_TABLES);
      default -> r.tableList(ConfigKey.DELETE_DETECTION);
    };
    boolean includeNulls = r.choice(ConfigKey.NULL_CURSOR_ROWS, Map.of("report", false, "include", true));
    int lookBack = r.integer(ConfigKey.LOOKBACK_SECONDS, 0, 30 * 86_400);
    int skew = r.integer(ConfigKey.CLOCK_SKEW_SECONDS, 0, 86_400);
    for (String table : fullRefresh) {
      if (cursorColumns.containsKey(table)) {
        r.problems.add("table " + table + " is in both FULL_REFRESH_TABLES and CURSOR_COLUMNS; choose one");
      }
    }
    boolean tinyint = r.bool(ConfigKey.TINYINT1_AS_BOOLEAN);
    TidbSourceConfig.TlsMode tls = r.choice(ConfigKey.TLS_MODE, Map.of("disabled", TidbSourceConfig.TlsMode.DISABLED,
        "preferred", TidbSourceConfig.TlsMode.PREFERRED, "required", TidbSourceConfig.TlsMode.REQUIRED,
        "verify_ca", TidbSourceConfig.TlsMode.VERIFY_CA, "verify_identity", TidbSourceConfig.TlsMode.VERIFY_IDENTITY));
    Optional<String> caCertificates = Optional.empty();
    String caText = r.text(ConfigKey.TLS_CA_CERTIFICATE);
    String caFile = r.text(ConfigKey.TLS_CA_FILE);
    if (caText != null && !caText.isBlank() && caFile != null && !caFile.isBlank()) {
      r.problems.add("TLS_CA_CERTIFICATE and TLS_CA_FILE are both set; choose one");
    } else if (caFile != null && !caFile.isBlank()) {
      try {
        caText = Files.readString(local.apply(caFile.trim()));
      } catch (IOException e) {
        r.problems.add("TLS_CA_FILE " + caFile + " cannot be read: " + e.getMessage());
      }
    }
    if (caText != null && !caText.isBlank()) {
      String where = caFile != null && !caFile.isBlank() ? "TLS_CA_FILE" : "TLS_CA_CERTIFICATE";
      try {
        io.tidbsync.source.tidb.TlsTrust.certificates(caText);
        caCertificates = Optional.of(caText);
        if (!tls.verifies()) {
          warnings.add(where + " is set but TLS_MODE is " + tls.name().toLowerCase(Locale.ROOT)
              + ", which does not verify the server's certificate; use verify_ca or verify_identity");
        }
      } catch (IllegalArgumentException e) {
        r.problems.add(where + " " + e.getMessage());
      }
    }
    int connectTimeout = r.integer(ConfigKey.CONNECT_TIMEOUT_SECONDS, 1, 3600);
    int socketTimeout = r.integer(ConfigKey.SOCKET_TIMEOUT_SECONDS, 1, 86_400);
    String destination = r.choice(ConfigKey.DESTINATION, Map.of(DuckDbDestinationModule.NAME, DuckDbDestinationModule.NAME,
        PostgresDestinationModule.NAME, PostgresDestinationModule.NAME,
        JsonLinesDestinationModule.NAME, JsonLinesDestinationModule.NAME));
    Optional<PostgresConfig> postgres = Optional.empty();
    if (destination.equals(PostgresDestinationModule.NAME)) {
      String url = r.requiredText(ConfigKey.POSTGRES_URL);
      String pgUser = r.requiredText(ConfigKey.POSTGRES_USER);
      String pgPassword = env.getOrDefault(ConfigKey.POSTGRES_PASSWORD.name(), r.text(ConfigKey.POSTGRES_PASSWORD));
      String pgSchema = r.text(ConfigKey.POSTGRES_SCHEMA);
      Optional<String> unsafe = DriverUrls.problem(ConfigKey.POSTGRES_URL.name(), url);
      if (!url.isEmpty() && !url.startsWith("jdbc:postgresql:")) {
        r.problems.add("POSTGRES_URL must start with jdbc:postgresql://, found " + Secret.maskInUrl(url));
      } else if (unsafe.isPresent()) {
        r.problems.add(unsafe.get());
      } else if (!url.isEmpty()) {
        postgres = Optional.of(new PostgresConfig(url, pgUser, new Secret(pgPassword == null ? "" : pgPassword),
            pgSchema == null ? database : pgSchema, Math.min(64, parallelism + 1)));
      }
    }
    String jsonFolder = r.text(ConfigKey.JSONLINES_FOLDER);
    int rotateMegabytes = r.integer(ConfigKey.JSONLINES_ROTATE_MEGABYTES, 1, 1 << 20);
    String stateStore = r.choice(ConfigKey.STATE, Map.of(FileStateModule.NAME, FileStateModule.NAME,
        JdbcStateModule.NAME, JdbcStateModule.NAME, Configuration.STATE_IN_DESTINATION, Configuration.STATE_IN_DESTINATION));
    String stateName = r.text(ConfigKey.STATE_NAME);
    stateName = stateName == null || stateName.isBlank() ? database : stateName.trim();
    if (stateStore.equals(Configuration.STATE_IN_DESTINATION) && destination.equals(JsonLinesDestinationModule.NAME)) {
      r.problems.add("STATE=destination needs a destination with a database (duckdb or postgres); "
          + "jsonlines has none: use STATE=file or STATE=jdbc");
    }
    Optional<JdbcStateConfig> jdbcState = Optional.empty();
    if (stateStore.equals(JdbcStateModule.NAME)) {
      String url = r.requiredText(ConfigKey.STATE_JDBC_URL);
      String stateUser = r.text(ConfigKey.STATE_JDBC_USER);
      String statePassword = env.getOrDefault(ConfigKey.STATE_JDBC_PASSWORD.name(), r.text(ConfigKey.STATE_JDBC_PASSWORD));
      Optional<String> unsafe = DriverUrls.problem(ConfigKey.STATE_JDBC_URL.name(), url);
      if (unsafe.isPresent()) {
        r.problems.add(unsafe.get());
      } else if (!url.isEmpty()) {
        url = duckDbFileFrom(url, folder);
        try {
          jdbcState = Optional.of(new JdbcStateConfig(url, stateUser, new Secret(statePassword), stateName.isEmpty() ? "default" : stateName));
        } catch (IllegalArgumentException e) {
          r.problems.add("STATE_JDBC_URL: " + e.getMessage());
        }
      }
    }
    String duckFile = r.text(ConfigKey.DUCKDB_FILE);
    String duckSchema = r.text(ConfigKey.DUCKDB_SCHEMA);
    String duckMemory = r.text(ConfigKey.DUCKDB_MEMORY_LIMIT);
    String duckCheckpoint = r.text(ConfigKey.DUCKDB_CHECKPOINT_THRESHOLD);
    for (ConfigKey key : List.of(ConfigKey.DUCKDB_MEMORY_LIMIT, ConfigKey.DUCKDB_CHECKPOINT_THRESHOLD)) {
      String value = r.text(key);
      if (value != null && !DuckDbConfig.isSize(value)) {
        r.problems.add(key.name() + " must be a size such as 256MB or 1GB, found " + value);
      }
    }
    String duckThreadsText = r.text(ConfigKey.DUCKDB_THREADS);
    Integer duckThreads = duckThreadsText == null || duckThreadsText.trim().equalsIgnoreCase("auto")
        ? null : r.integer(ConfigKey.DUCKDB_THREADS, 1, DuckDbConfig.MAX_THREADS);
    String stateFile = r.text(ConfigKey.STATE_FILE);
    // Per-table options are applied while the table maps are read; bad values were recorded above,
    // so safe stand-ins keep the parse going and every problem is reported together.
    SyncConfig options = new SyncConfig(List.of(), cursor, cursorColumns, fullRefresh, deletes, includeNulls,
        Math.max(1, batchSize), dateTimes, rowErrors, Duration.ofSeconds(Math.max(0, lookBack)),
        Duration.ofSeconds(Math.max(0, skew)));
    List<TableRequest> tables = new TableMaps(r, options).requests();
    r.problems.addAll(ConfiguredTables.unlisted(options.withTables(tables)));
    if (!r.problems.isEmpty()) {
      throw new ConfigurationException(r.problems, warnings);
    }
    return new Configuration(
        new SyncConfig(tables, cursor, cursorColumns, fullRefresh, deletes, includeNulls,
            batchSize, dateTimes, rowErrors, Duration.ofSeconds(lookBack), Duration.ofSeconds(skew)),
        new Tuning(parallelism, (long) batchMegabytes << 20, Tuning.DEFAULT_READ_AHEAD, splitRows),
        new TidbSourceConfig(host, port, user, new Secret(password), database,
            Duration.ofSeconds(connectTimeout), Duration.ofSeconds(socketTimeout), tinyint, tls, caCertificates),
        destination,
        new DuckDbConfig(local.apply(duckFile), duckSchema == null ? database : duckSchema, duckMemory, duckCheckpoint,
            duckThreads, parallelism),
        postgres,
        new JsonLinesConfig(local.apply(jsonFolder), (long) rotateMegabytes << 20),
        stateStore,
        stateName,
        new FileStateConfig(local.apply(stateFile)),
        jdbcState,
        warnings);
  }

  /** Reads typed values, recording a problem per bad key instead of throwing. */
  static final class Reader {
    final JsonNode root;
    final List<String> problems = new ArrayList<>();

    Reader(JsonNode root) {
      this.root = root;
    }

    /** The key's value as text (numbers and booleans as written), or its default. */
    String text(ConfigKey key) {
      JsonNode node = root.get(key.name());
      if (node == null || node.isNull()) {
        return key.defaultValue();
      }
      if (node.isValueNode()) {
        return node.asText();
      }
      problems.add(key.name() + " must be a string, found " + node.getNodeType().name().toLowerCase(Locale.ROOT));
      return key.defaultValue();
    }

    String requiredText(ConfigKey key) {
      String value = text(key);
      if (value == null || value.isBlank()) {
        problems.add(key.name() + " is missing or empty");
        return "";
      }
      return value.trim();
    }

    int integer(ConfigKey key, int min, int max) {
      String value = text(key);
      try {
        int parsed = Integer.parseInt(value.trim());
        if (parsed < min || parsed > max) {
          problems.add(key.name() + " must be between " + min + " and " + max + ", found " + parsed);
        }
        return parsed;
      } catch (NumberFormatException | NullPointerException e) {
        problems.add(key.name() + " must be a whole number, found \"" + value + "\"");
        return min;
      }
    }

    boolean bool(ConfigKey key) {
      String value = text(key).trim().toLowerCase(Locale.ROOT);
      return switch (value) {
        case "true", "yes", "1" -> true;
        case "false", "no", "0" -> false;
        default -> {
          problems.add(key.name() + " must be true or false, found \"" + value + "\"");
          yield false;
        }
      };
    }

    <T> T choice(ConfigKey key, Map<String, T> choices) {
      String value = text(key).trim().toLowerCase(Locale.ROOT);
      T chosen = choices.get(value);
      if (chosen == null) {
        problems.add(key.name() + " must be one of " + String.join(", ", choices.keySet().stream().sorted().toList())
            + ", found \"" + value + "\"");
        return choices.get(key.defaultValue());
      }
      return chosen;
    }

    /** Table names as a JSON array, JSON array text, or comma-separated text; empty when absent. */
    Set<String> tableList(ConfigKey key) {
      JsonNode node = root.get(key.name());
      if (node == null || node.isNull()) {
        return Set.of();
      }
      if (node.isTextual() && node.asText().trim().startsWith("[")) {
        try {
          node = MAPPER.readTree(node.asText());
        } catch (JsonProcessingException e) {
          problems.add(key.name() + " is not valid JSON: " + e.getOriginalMessage());
          return Set.of();
        }
      }
      List<String> names = names(key.name(), node, "table names");
      return names == null ? Set.of() : new java.util.LinkedHashSet<>(names);
    }

    /**
     * Names given as {@code "a,b"} (trimmed, blanks dropped) or as a JSON list of strings; records a
     * problem naming {@code where} and returns {@code null} for anything else.
     */
    List<String> names(String where, JsonNode node, String what) {
      List<String> names = new ArrayList<>();
      if (node.isTextual()) {
        for (String part : node.asText().split(",")) {
          if (!part.isBlank()) {
            names.add(part.trim());
          }
        }
      } else if (node.isArray()) {
        for (JsonNode part : node) {
          if (!part.isTextual() || part.asText().isBlank()) {
            problems.add(where + " must list " + what + ", found " + part);
            return null;
          }
          names.add(part.asText());
        }
      } else {
        problems.add(where + " must be " + what + " as \"a,b\" or a list, found " + node);
        return null;
      }
      return names;
    }

    /** An object given either as a JSON object or as JSON text in a string (the seed's form). */
    Optional<JsonNode> object(ConfigKey key) {
      JsonNode node = root.get(key.name());
      if (node == null || node.isNull() || node.isTextual() && node.asText().isBlank()) {
        return Optional.empty();
      }
      if (node.isTextual()) {
        try {
          node = MAPPER.readTree(node.asText());
        } catch (JsonProcessingException e) {
          problems.add(key.name() + " is not valid JSON: " + e.getOriginalMessage()
              + " (expected an object such as {\"table\": \"id\"})");
          return Optional.empty();
        }
      }
      if (node == null || !node.isObject()) {
        problems.add(key.name() + " must be a JSON object (table name to settings), found "
            + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        return Optional.empty();
      }
      return Optional.of(node);
    }
  }

  /** The two table maps of the seed, merged into one request per table, in file order. */
  private record TableMaps(Reader r, SyncConfig options) {
    List<TableRequest> requests() {
      Map<String, List<String>> keys = new LinkedHashMap<>();
      Map<String, VectorHint> vectors = new LinkedHashMap<>();
      r.object(ConfigKey.TABLES_PRIMARY_KEY_COLUMNS).ifPresent(node -> node.properties().iterator().forEachRemaining(
          e -> keys.put(e.getKey(), keyColumns(ConfigKey.TABLES_PRIMARY_KEY_COLUMNS.name() + "." + e.getKey(), e.getValue()))));
      r.object(ConfigKey.VECTOR_TABLES_DATA).ifPresent(node -> node.properties().iterator().forEachRemaining(e -> {
        String where = ConfigKey.VECTOR_TABLES_DATA.name() + "." + e.getKey();
        JsonNode spec = e.getValue();
        if (!spec.isObject()) {
          r.problems.add(where + " must be an object with primary_key_column and vector_column");
          return;
        }
        JsonNode column = spec.get("vector_column");
        if (column == null || !column.isTextual() || column.asText().isBlank()) {
          r.problems.add(where + ".vector_column is missing");
          return;
        }
        OptionalInt dimension = OptionalInt.empty();
        JsonNode dim = spec.get("dimension");
        if (dim != null && !dim.isNull()) {
          if (!dim.canConvertToInt() && !(dim.isTextual() && dim.asText().matches("\\d+")) || dim.asInt() < 1) {
            r.problems.add(where + ".dimension must be a positive whole number, found " + dim);
            return;
          }
          dimension = OptionalInt.of(dim.asInt());
        }
        vectors.put(e.getKey(), new VectorHint(column.asText(), dimension));
        List<String> key = spec.has("primary_key_column")
            ? keyColumns(where + ".primary_key_column", spec.get("primary_key_column"))
            : List.of();
        List<String> other = keys.get(e.getKey());
        if (other != null && !other.isEmpty() && !key.isEmpty() && !other.equals(key)) {
          r.problems.add(where + ".primary_key_column " + key + " differs from TABLES_PRIMARY_KEY_COLUMNS." + e.getKey() + " " + other);
        }
        keys.merge(e.getKey(), key, (a, b) -> a.isEmpty() ? b : a);
      }));
      List<TableRequest> out = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : keys.entrySet()) {
        if (e.getKey().isBlank()) {
          r.problems.add("TABLES_PRIMARY_KEY_COLUMNS has an empty table name");
          continue;
        }
        out.add(options.requestFor(TableId.of(e.getKey()), e.getValue(), Optional.ofNullable(vectors.get(e.getKey()))));
      }
      return out;
    }

    private List<String> keyColumns(String where, JsonNode value) {
      List<String> columns = r.names(where, value, "column names");
      return columns == null ? List.of() : columns;
    }
  }
}
