package io.tidbsync.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The targets a bench run judges, each with what was measured and the bound it is held to: one
 * table on standard output, and the same in {@code results.json} (a flag per key, as before, and
 * the rows under {@code targetTable}). A target is judged in every round on that round's own
 * measurements and met when met in most rounds, or judged once on the medians of all rounds.
 */
final class Targets {
  /** One row of the table. {@code rounds} 0: judged once, on the medians. */
  record Target(String key, String label, String measured, String bound, boolean met, int metRounds, int rounds) {}

  /** A target judged in every round: each round's measurement, bound and verdict. */
  private static final class Rounds {
    final String label;
    final String unit;
    final List<Double> measured = new ArrayList<>();
    final List<Double> bound = new ArrayList<>();
    final List<Boolean> verdicts = new ArrayList<>();

    Rounds(String label, String unit) {
      this.label = label;
      this.unit = unit;
    }
  }

  private final Map<String, Rounds> perRound = new LinkedHashMap<>();
  private final Map<String, Target> once = new LinkedHashMap<>();
  /** Numbers kept in results.json beside the targets, for reading them (not targets themselves). */
  private final Map<String, Double> values = new LinkedHashMap<>();

  /** A round's verdict on "measured at most bound" (both in seconds, or in {@code unit}). */
  void atMost(String key, String label, double measured, double bound, String unit) {
    Rounds r = perRound.computeIfAbsent(key, k -> new Rounds(label, unit));
    r.measured.add(measured);
    r.bound.add(bound);
    r.verdicts.add(measured <= bound);
  }

  /** A round's yes-or-no verdict with no number (a copy equal to the source). */
  void holds(String key, String label, boolean met) {
    Rounds r = perRound.computeIfAbsent(key, k -> new Rounds(label, null));
    r.verdicts.add(met);
  }

  /** A target judged once, on the medians of every round. */
  void judged(String key, String label, String measured, String bound, boolean met) {
    once.put(key, new Target(key, label, measured, bound, met, met ? 1 : 0, 0));
  }

  /** A number kept beside the targets in results.json. */
  void value(String key, double value) {
    values.put(key, value);
  }

  /** Every target, those judged per round first, in the order they were first judged. */
  List<Target> all() {
    List<Target> rows = new ArrayList<>();
    perRound.forEach((key, r) -> {
      int met = (int) r.verdicts.stream().filter(v -> v).count();
      int rounds = r.verdicts.size();
      String measured;
      String bound;
      if (r.unit == null) {
        measured = met == rounds ? "yes" : "no";
        bound = "yes";
      } else {
        measured = String.format(Locale.ROOT, "%.2f %s", median(r.measured), r.unit);
        bound = String.format(Locale.ROOT, "<= %.2f %s", median(r.bound), r.unit);
      }
      // A yes-or-no target is met only when it held in every round: one wrong copy is wrong.
      boolean isMet = r.unit == null ? met == rounds : met * 2 > rounds;
      rows.add(new Target(key, r.label, measured, bound, isMet, met, rounds));
    });
    rows.addAll(once.values());
    return rows;
  }

  /** The flags ({@code key: met}, {@code key_rounds: "m of n"}), the numbers, and the table's rows. */
  void writeTo(ObjectNode targets, ArrayNode table) {
    for (Target t : all()) {
      targets.put(t.key(), t.met());
      if (t.rounds() > 0) {
        targets.put(t.key() + "_rounds", t.metRounds() + " of " + t.rounds());
      }
      table.addObject().put("target", t.label()).put("key", t.key()).put("measured", t.measured())
          .put("bound", t.bound()).put("met", t.met())
          .put("rounds", t.rounds() == 0 ? "medians" : t.metRounds() + " of " + t.rounds());
    }
    values.forEach(targets::put);
  }

  void print(PrintStream out) {
    String format = "%-58s %12s %14s %4s  %s%n";
    out.printf(Locale.ROOT, format, "target", "measured", "bound", "met", "rounds met");
    for (Target t : all()) {
      out.printf(Locale.ROOT, format, t.label(), t.measured(), t.bound(), t.met() ? "yes" : "NO",
          t.rounds() == 0 ? "(on the medians)" : t.metRounds() + " of " + t.rounds());
    }
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
