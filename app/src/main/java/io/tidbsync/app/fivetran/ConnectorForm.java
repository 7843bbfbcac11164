package io.tidbsync.app.fivetran;

import fivetran_sdk.v2.ConfigurationFormResponse;
import fivetran_sdk.v2.ConfigurationTest;
import fivetran_sdk.v2.DropdownField;
import fivetran_sdk.v2.FormField;
import fivetran_sdk.v2.TextField;
import fivetran_sdk.v2.ToggleField;
import fivetran_sdk.v2.UploadField;
import io.tidbsync.app.config.ConfigKey;

/**
 * The setup form Fivetran shows: one field per configuration key of the seed, then tidb-sync's
 * optional keys that make sense under Fivetran. Field names are the configuration keys, so the
 * values come back in {@code configuration} exactly as {@code configuration.json} holds them.
 */
final class ConnectorForm {
  static final String CONNECT_TEST = "connect";

  private ConnectorForm() {}

  static ConfigurationFormResponse form() {
    return ConfigurationFormResponse.newBuilder()
        .setSchemaSelectionSupported(false)
        .setTableSelectionSupported(true)
        .addFields(text(ConfigKey.TIDB_HOST, "Host", true, TextField.PlainText, "gateway01.us-west-2.prod.aws.tidbcloud.com"))
        .addFields(text(ConfigKey.TIDB_PORT, "Port", true, TextField.PlainText, null))
        .addFields(text(ConfigKey.TIDB_USER, "User", true, TextField.PlainText, "prefix.root"))
        .addFields(text(ConfigKey.TIDB_PASS, "Password", true, TextField.Password, null).toBuilder()
            .setDescription("Password of the database user.").build())
        .addFields(text(ConfigKey.TIDB_DATABASE, "Database", true, TextField.PlainText, null))
        .addFields(text(ConfigKey.TABLES_PRIMARY_KEY_COLUMNS, "Tables and their primary keys", false, TextField.PlainText,
            "{\"orders\": \"id\", \"order_items\": \"order_id,line\"}"))
        .addFields(text(ConfigKey.VECTOR_TABLES_DATA, "Tables with a vector column", false, TextField.PlainText,
            "{\"docs\": {\"primary_key_column\": \"id\", \"vector_column\": \"embedding\"}}"))
        .addFields(text(ConfigKey.CURSOR_COLUMN, "Cursor column", false, TextField.PlainText, null))
        .addFields(text(ConfigKey.CURSOR_COLUMNS, "Cursor column per table", false, TextField.PlainText,
            "{\"orders\": \"updated_at\"}"))
        .addFields(text(ConfigKey.FULL_REFRESH_TABLES, "Tables read whole every sync", false, TextField.PlainText,
            "[\"countries\"]"))
        .addFields(text(ConfigKey.LOOKBACK_SECONDS, "Look-back window (seconds)", false, TextField.PlainText, null))
        .addFields(text(ConfigKey.DELETE_DETECTION, "Tables whose deletes are synced", false, TextField.PlainText,
            "[\"orders\"] or all").toBuilder().setDescription("`none`, `all`, or the tables (`[\"a\"]` or `\"a,b\"`)"
                + " whose deleted rows Fivetran marks deleted: each is sent whole every sync, after a TRUNCATE").build())
        .addFields(dropdown(ConfigKey.TLS_MODE, "TLS", "verify_identity", "verify_ca", "required", "preferred", "disabled"))
        .addFields(field(ConfigKey.TLS_CA_CERTIFICATE, "CA certificate (PEM)", false)
            .setUploadField(UploadField.newBuilder().addAllowedFileType(".pem").addAllowedFileType(".crt")
                .setMaxFileSizeBytes(1 << 20)).build())
        .addFields(text(ConfigKey.CONNECT_TIMEOUT_SECONDS, "Connect timeout (seconds)", false, TextField.PlainText, null))
        .addFields(text(ConfigKey.SOCKET_TIMEOUT_SECONDS, "Read timeout (seconds)", false, TextField.PlainText, null))
        .addFields(dropdown(ConfigKey.DATETIME_MODE, "DATETIME values", "utc", "naive"))
        .addFields(dropdown(ConfigKey.ROW_ERROR_POLICY, "Rows that cannot be converted", "quarantine", "skip", "fail"))
        .addFields(toggle(ConfigKey.TINYINT1_AS_BOOLEAN, "TINYINT(1) as boolean"))
        .addTests(ConfigurationTest.newBuilder().setName(CONNECT_TEST)
            .setLabel("Connect to the database and describe the tables"))
        .build();
  }

  private static FormField.Builder field(ConfigKey key, String label, boolean required) {
    FormField.Builder field = FormField.newBuilder().setName(key.name()).setLabel(label).setRequired(required)
        .setDescription(key.description());
    if (key.defaultValue() != null && !key.defaultValue().isEmpty()) {
      field.setDefaultValue(key.defaultValue());
    }
    return field;
  }

  private static FormField text(ConfigKey key, String label, boolean required, TextField kind, String placeholder) {
    FormField.Builder field = field(key, label, required).setTextField(kind);
    if (placeholder != null) {
      field.setPlaceholder(placeholder);
    }
    return field.build();
  }

  private static FormField dropdown(ConfigKey key, String label, String... choices) {
    return field(key, label, false).setDropdownField(DropdownField.newBuilder().addAllDropdownField(java.util.List.of(choices)))
        .build();
  }

  private static FormField toggle(ConfigKey key, String label) {
    return field(key, label, false).setToggleField(ToggleField.getDefaultInstance()).build();
  }
}
