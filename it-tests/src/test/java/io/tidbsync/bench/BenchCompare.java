package io.tidbsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Two bench runs side by side (say MariaDB and TiDB): the wall seconds of each sync (the whole
 * process, as for the peers), peer run and limit both measured, one bar per run, as a PNG.
 *
 * <p>{@code BenchCompare OUT.png LABEL=results.json LABEL=results.json ...}
 */
public final class BenchCompare {
  private BenchCompare() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: BenchCompare OUT.png LABEL=results.json [LABEL=results.json ...]");
      System.exit(2);
    }
    Map<String, Map<String, Double>> runs = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("not LABEL=results.json: " + args[i]);
      }
      runs.put(args[i].substring(0, eq), seconds(Path.of(args[i].substring(eq + 1))));
    }
    List<String> measured = new ArrayList<>(runs.values().iterator().next().keySet());
    measured.removeIf(name -> !runs.values().stream().allMatch(run -> run.containsKey(name)));
    CategoryChart chart = new CategoryChartBuilder().width(1500).height(750)
        .title("Wall seconds, lower is better (" + String.join(" and ", runs.keySet()) + ", same tables)")
        .yAxisTitle("seconds").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisLabelRotation(40);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("#0.0");
    for (Map.Entry<String, Map<String, Double>> run : runs.entrySet()) {
      chart.addSeries(run.getKey(), measured, measured.stream().map(run.getValue()::get).toList());
    }
    BitmapEncoder.saveBitmap(chart, args[0], BitmapEncoder.BitmapFormat.PNG);
    System.out.println("chart: " + args[0] + " (" + measured.size() + " measurements)");
  }

  private static final java.util.regex.Pattern WALL = java.util.regex.Pattern.compile("process wall ([0-9.]+) s");

  /** The measurements worth a bar: full syncs, peers and limits, by a short name; their wall seconds. */
  private static Map<String, Double> seconds(Path results) throws IOException {
    JsonNode root = new ObjectMapper().readTree(results.toFile());
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (JsonNode line : root.path("results")) {
      String name = line.path("measurement").asText();
      if (name.startsWith("sync a_small") || name.startsWith("compare:")) {
        continue;
      }
      if (name.startsWith("sync ") || name.startsWith("peer ") || name.startsWith("limit:")
          || name.startsWith("baseline: source read")) {
        // A sync's line gives its work time; its process wall time, which the peers' lines give, is in its note.
        java.util.regex.Matcher wall = WALL.matcher(line.path("note").asText());
        seconds.put(name.replace("baseline: ", "limit: "),
            name.startsWith("sync ") && wall.find() ? Double.parseDouble(wall.group(1)) : line.path("seconds").asDouble());
      }
    }
    return seconds;
  }
}
