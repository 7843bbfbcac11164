package io.tidbsync.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The benchmark's PNG: throughput per measurement, and each sync's resident memory over time. */
final class BenchChart {
  private BenchChart() {}

  static void write(Path file, List<Bench.Line> lines, List<SyncRun> runs) throws IOException {
    CategoryChart throughput = new CategoryChartBuilder().width(900).height(500)
        .title("Throughput (rows/s)").yAxisTitle("rows/s").build();
    throughput.getStyler().setLegendVisible(false);
    throughput.getStyler().setXAxisLabelRotation(20);
    List<String> names = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (Bench.Line line : lines) {
      if (line.rows >= 10_000) {
        names.add(line.name);
        values.add(line.rows / line.seconds);
      }
    }
    throughput.addSeries("rows/s", names, values);

    XYChart memory = new XYChartBuilder().width(900).height(500)
        .title("Resident memory of the sync process").xAxisTitle("seconds").yAxisTitle("MB").build();
    memory.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    memory.getStyler().setMarkerSize(0);
    for (SyncRun run : runs) {
      if (run.rssCurve().size() < 2) {
        continue;
      }
      double[] x = new double[run.rssCurve().size()];
      double[] y = new double[x.length];
      for (int i = 0; i < x.length; i++) {
        x[i] = run.rssCurve().get(i)[0];
        y[i] = run.rssCurve().get(i)[1];
      }
      memory.addSeries(run.name(), x, y);
    }
    List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> charts = new ArrayList<>();
    charts.add(throughput);
    if (runs.stream().anyMatch(r -> r.rssCurve().size() >= 2)) {
      charts.add(memory);
    }
    BitmapEncoder.saveBitmap(charts, charts.size(), 1, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
