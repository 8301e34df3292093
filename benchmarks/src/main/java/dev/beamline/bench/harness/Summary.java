package dev.beamline.bench.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** Median, minimum and maximum of the timed runs of one variant on one workload. */
record Summary(Variant variant, Workload workload, List<Measurement> runs) {

  double median(ToDoubleFunction<Measurement> f) {
    List<Double> xs = values(f);
    int n = xs.size();
    return n % 2 == 1 ? xs.get(n / 2) : (xs.get(n / 2 - 1) + xs.get(n / 2)) / 2;
  }

  double min(ToDoubleFunction<Measurement> f) {
    return values(f).get(0);
  }

  double max(ToDoubleFunction<Measurement> f) {
    List<Double> xs = values(f);
    return xs.get(xs.size() - 1);
  }

  double eventsPerSecond() {
    return median(Measurement::eventsPerSecond);
  }

  private List<Double> values(ToDoubleFunction<Measurement> f) {
    List<Double> xs = new ArrayList<>();
    for (Measurement m : runs) {
      xs.add(f.applyAsDouble(m));
    }
    Collections.sort(xs);
    return xs;
  }
}
