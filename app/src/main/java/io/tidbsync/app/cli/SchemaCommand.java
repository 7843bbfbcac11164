package io.tidbsync.app.cli;

import io.tidbsync.app.config.Configuration;
import io.tidbsync.domain.SyncUseCase;
import io.tidbsync.domain.model.ColumnSpec;
import io.tidbsync.domain.model.LogicalType;
import io.tidbsync.domain.model.TableId;
import io.tidbsync.domain.normalize.RowNormalizer;
import io.tidbsync.domain.port.SourcePort;
import io.tidbsync.domain.port.TableDiscovery;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "schema", mixinStandardHelpOptions = true,
    description = "Print the discovered schema of every configured table: source type, synced type, key, cursor.")
final class SchemaCommand implements Callable<Integer> {
  @Mixin CommonOptions options;

  @Override
  public Integer call() {
    Configuration configuration = Runtime.configuration(options);
    RowNormalizer normalizer = new RowNormalizer(configuration.sync().dateTimePolicy());
    int bad = 0;
    try (SourcePort source = Runtime.injector(configuration).getInstance(SourcePort.class)) {
      for (TableDiscovery discovery : source.describe(SyncUseCase.requests(configuration.sync(), source))) {
        switch (discovery) {
          case TableDiscovery.Undescribable u -> {
            bad++;
            System.out.println(u.table() + ": ERROR " + u.reason());
          }
          case TableDiscovery.Described d -> {
            System.out.println(d.table() + "  (key: " + String.join(", ", d.schema().primaryKey())
                + "; cursor: " + d.schema().cursor().orElse("-") + ")");
            var out = normalizer.outputSchema(d.schema());
            for (int i = 0; i < out.columns().size(); i++) {
              ColumnSpec column = out.columns().get(i);
              System.out.printf("  %-30s %-24s %-16s %s%s%n", TableId.printable(column.name()), TableId.printable(column.sourceType()), typeName(column.type()),
                  column.nullable() ? "null" : "not null", d.schema().primaryKey().contains(column.name()) ? "  key" : "");
            }
          }
        }
      }
    }
    return bad == 0 ? ExitCode.OK : ExitCode.TABLE_FAILED;
  }

  private static String typeName(LogicalType type) {
    return switch (type) {
      case LogicalType.DecimalType d -> "DECIMAL(" + d.precision() + "," + d.scale() + ")";
      case LogicalType.VectorType v -> "VECTOR(" + (v.dimension().isPresent() ? v.dimension().getAsInt() : "any") + ")";
      default -> type.fivetranName();
    };
  }
}
