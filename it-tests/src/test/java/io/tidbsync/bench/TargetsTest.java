package io.tidbsync.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetsTest {
  @Test
  void aTimedTargetIsMetWhenMostRoundsMeetTheirOwnBound() {
    Targets targets = new Targets();
    targets.atMost("fast", "fast enough", 5.0, 6.0, "s");
    targets.atMost("fast", "fast enough", 7.0, 6.5, "s");
    targets.atMost("fast", "fast enough", 5.5, 5.0, "s");
    Targets.Target t = targets.all().get(0);
    assertFalse(t.met(), "1 of 3 rounds is not most rounds");
    assertEquals(1, t.metRounds());
    assertEquals(3, t.rounds());
    assertEquals("5.50 s", t.measured());
    assertEquals("<= 6.00 s", t.bound());

    targets.atMost("fast", "fast enough", 4.0, 6.0, "s");
    targets.atMost("fast", "fast enough", 4.0, 6.0, "s");
    assertTrue(targets.all().get(0).met(), "3 of 5 rounds");
  }

  @Test
  void aCopyThatDiffersInAnyRoundIsWrong() {
    Targets targets = new Targets();
    targets.holds("equal", "copy equal", true);
    targets.holds("equal", "copy equal", false);
    targets.holds("equal", "copy equal", true);
    Targets.Target t = targets.all().get(0);
    assertFalse(t.met());
    assertEquals("no", t.measured());
    assertEquals(2, t.metRounds());
  }

  @Test
  void everyTargetReachesTheTableAndTheJson() {
    Targets targets = new Targets();
    targets.atMost("a_wall", "a wall", 8.9, 5.56, "s");
    targets.judged("b_2x", "b twice as fast", "2.56x", ">= 2x", true);
    targets.value("growth", 0.05);

    ObjectNode flags = new ObjectMapper().createObjectNode();
    ArrayNode table = new ObjectMapper().createArrayNode();
    targets.writeTo(flags, table);
    assertFalse(flags.get("a_wall").asBoolean());
    assertEquals("0 of 1", flags.get("a_wall_rounds").asText());
    assertTrue(flags.get("b_2x").asBoolean());
    assertFalse(flags.has("b_2x_rounds"));
    assertEquals(0.05, flags.get("growth").asDouble());
    assertEquals(2, table.size());
    assertEquals("medians", table.get(1).get("rounds").asText());

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    targets.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(3, lines.size());
    assertTrue(lines.get(1).startsWith("a wall") && lines.get(1).contains("8.90 s") && lines.get(1).contains("NO"),
        lines.get(1));
    assertTrue(lines.get(2).contains("2.56x") && lines.get(2).contains("yes"), lines.get(2));
  }
}
