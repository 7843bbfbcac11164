package io.tidbsync.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TidbSyncCommandTest {
  private static final List<String> ALL =
      List.of("sync", "check", "schema", "state", "quarantine", "reset", "plan", "serve", "help");

  @Test
  void aRunBuildsOnlyTheSubcommandItNames() {
    assertThat(TidbSyncCommand.forArguments("sync", "--config", "c.json").getSubcommands().keySet())
        .containsExactly("sync");
    assertThat(TidbSyncCommand.forArguments("state", "--help").getSubcommands().keySet())
        .containsExactly("state");
  }

  @Test
  void helpATypoOrNoSubcommandBuildsThemAllInHelpOrder() {
    for (String[] args : List.of(new String[] {"--help"}, new String[] {"help", "sync"},
        new String[] {"snyc"}, new String[] {})) {
      CommandLine cli = TidbSyncCommand.forArguments(args);
      assertThat(List.copyOf(cli.getSubcommands().keySet())).as(String.join(" ", args)).isEqualTo(ALL);
    }
    String usage = TidbSyncCommand.forArguments("--help").getUsageMessage(CommandLine.Help.Ansi.OFF);
    for (String name : ALL) {
      assertThat(usage).containsPattern("(?m)^  " + name + "\\b");
    }
  }

  @Test
  void aSubcommandBuiltAloneHasTheSameHelpAsAmongAllOfThem() {
    CommandLine all = TidbSyncCommand.forArguments("--help");
    for (String name : ALL) {
      if (name.equals("help")) {
        continue;
      }
      String alone = TidbSyncCommand.forArguments(name).getSubcommands().get(name)
          .getUsageMessage(CommandLine.Help.Ansi.OFF);
      assertThat(alone).as(name).isEqualTo(all.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF));
      assertThat(alone).as(name).contains("tidb-sync " + name);
    }
  }

  @Test
  void aMistypedSubcommandIsRefusedWithASuggestion() {
    CommandLine cli = TidbSyncCommand.forArguments("snyc");
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("snyc");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("'snyc'").contains("sync");
  }

  @Test
  void helpOfASubcommandPrintsItsOptions() {
    CommandLine cli = TidbSyncCommand.forArguments("help", "sync");
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("help", "sync")).isZero();
    assertThat(out.toString()).contains("tidb-sync sync").contains("--config");
  }
}
