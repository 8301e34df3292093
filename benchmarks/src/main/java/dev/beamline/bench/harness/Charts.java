package dev.beamline.bench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The PNG charts of a report, drawn with XChart. */
final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 520;

  private Charts() {}

  /** Median events/s per variant with min–max error bars, and the 2-core ceiling as its own bar. */
  static void throughput(SuiteResult main, Path file) throws IOException {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("sensor-stats: events/s (median of runs, bars = min–max)")
        .xAxisTitle("").yAxisTitle("events per second").build();
    style(c);
    List<String> names = new ArrayList<>();
    List<Number> medians = new ArrayList<>();
    List<Number> errors = new ArrayList<>();
    for (Summary s : main.summaries) {
      names.add(s.variant().id);
      medians.add(s.eventsPerSecond());
      errors.add((s.max(Measurement::eventsPerSecond) - s.min(Measurement::eventsPerSecond)) / 2);
    }
    main.find(Variant.PLAIN_JAVA, "main").ifPresent(p -> {
      names.add("2-core ceiling");
      medians.add(2 * p.eventsPerSecond());
      errors.add(0);
    });
    c.addSeries("events/s", names, medians, errors);
    save(c, file);
  }

  /** Peak resident memory per variant (largest of the runs). */
  static void memory(SuiteResult main, Path file) throws IOException {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
        .title("sensor-stats: peak memory (RSS, largest of the runs)")
        .xAxisTitle("").yAxisTitle("MB").build();
    style(c);
    List<String> names = new ArrayList<>();
    List<Number> rss = new ArrayList<>();
    for (Summary s : main.summaries) {
      names.add(s.variant().id);
      rss.add(s.max(m -> m.peakRssMb()));
    }
    c.addSeries("peak RSS", names, rss);
    save(c, file);
  }

  /** One line per variant over the suite's points, x on a log scale. */
  static void scaling(SuiteResult suite, String xTitle, ToDoubleFunction<Workload> x, String yTitle,
      ToDoubleFunction<Summary> y, Path file) throws IOException {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT)
        .title(suite.title + ": " + yTitle).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    c.getStyler().setXAxisLogarithmic(true);
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    for (Variant v : suite.variants()) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (Summary s : suite.summaries) {
        if (s.variant() == v) {
          xs.add(x.applyAsDouble(s.workload()));
          ys.add(y.applyAsDouble(s));
        }
      }
      c.addSeries(v.id, xs, ys).setMarker(SeriesMarkers.CIRCLE);
    }
    save(c, file);
  }

  private static void style(CategoryChart c) {
    c.getStyler().setLegendVisible(false);
    c.getStyler().setXAxisLabelRotation(20);
    c.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    c.getStyler().setErrorBarsColor(java.awt.Color.BLACK);
  }

  private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> c, Path file) throws IOException {
    BitmapEncoder.saveBitmap(c, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
