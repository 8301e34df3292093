package dev.beamline.bench.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Writes {@code <date>.md} and its charts: tables, ratios, the machine and the exact command. */
final class Report {
  /** Above this 1-minute load average (on 2 cores) figures are labelled as taken under load. */
  private static final double QUIET_LOAD = 2.5;

  private final BenchOptions o;
  private final String command;
  private final MachineInfo before;
  private final MachineInfo after;
  private final double minutes;
  private final List<SuiteResult> suites;
  private final List<String> log;
  private final StringBuilder md = new StringBuilder();
  private SuiteResult current;

  Report(BenchOptions o, String command, MachineInfo before, MachineInfo after, double minutes,
      List<SuiteResult> suites, List<String> log) {
    this.o = o;
    this.command = command;
    this.before = before;
    this.after = after;
    this.minutes = minutes;
    this.suites = suites;
    this.log = log;
  }

  Path write(Path dir, String date) throws IOException {
    Files.createDirectories(dir);
    header(date);
    for (SuiteResult s : suites) {
      if (s.skippedBecause != null) {
        md.append("## ").append(s.title).append("\n\nNot measured: ").append(s.skippedBecause).append(".\n\n");
      } else if (s.markdown != null) {
        md.append("## ").append(s.title).append("\n\n").append(s.markdown);
      } else if (s.name.equals("main")) {
        main(s, dir, date);
      } else if (s.name.equals("direct")) {
        direct(s);
      } else {
        scaling(s, dir, date);
      }
    }
    definitions();
    Path changes = java.nio.file.Paths.get(System.getProperty("beamline.home", "."), "benchmarks",
        "OPTIMISATIONS.md");
    if (Files.exists(changes)) {
      md.append(Files.readString(changes).replaceFirst("^# ", "## ")).append('\n');
    }
    md.append("## Run log\n\n```\n");
    for (String l : log) {
      md.append(l).append('\n');
    }
    md.append("```\n");
    Path file = dir.resolve(date + ".md");
    Files.writeString(file, md.toString());
    return file;
  }

  private void header(String date) {
    md.append("# sensor-stats benchmark, ").append(date).append("\n\n");
    boolean loaded = before.load1() > QUIET_LOAD || after.load1() > QUIET_LOAD;
    if (loaded) {
      md.append("> **Taken under load.** The 1-minute load average was ").append(before.loadAverage())
          .append(" at the start and ").append(after.loadAverage()).append(" at the end on ")
          .append(before.cores()).append(" cores: other work shared the CPUs, so absolute figures are")
          .append(" low and noisy. Ratios between interleaved variants are more robust than the figures.\n\n");
    }
    md.append("Command (from the checkout root):\n\n    ").append(command).append("\n\n");
    md.append("| machine | |\n| --- | --- |\n");
    row("cores", Integer.toString(before.cores()));
    row("CPU", before.cpu());
    row("memory", before.memory());
    row("JVM", before.jvm());
    row("OS", before.os());
    row("load average (1, 5, 15 min)", "start " + before.loadAverage() + "; end " + after.loadAverage());
    row("duration", String.format(Locale.ROOT, "%.1f min", minutes));
    row("input", String.format(Locale.ROOT, "`./beamline generate sensor-stats --seed %d --maxDisorder %dms`"
        + " dealt round-robin into %d files; no bad lines", o.seed, o.maxDisorderMillis, o.files));
    md.append('\n');
  }

  private void main(SuiteResult s, Path dir, String date) throws IOException {
    current = s;
    Workload w = s.summaries.get(0).workload();
    md.append("## ").append(s.title).append("\n\n");
    md.append(w.describe()).append(String.format(Locale.ROOT, "; %d timed runs per variant after one warm-up"
        + " run, interleaved; every run's results checked equal to plain Java's.%n%n", o.runs));
    Optional<Summary> nativeStreaming = s.find(Variant.NATIVE_FLINK_STREAMING, "main");
    Optional<Summary> nativeBatch = s.find(Variant.NATIVE_FLINK_BATCH, "main");
    Optional<Summary> plain = s.find(Variant.PLAIN_JAVA, "main");
    md.append("| variant | events/s median (min–max) | processing s | wall s incl. JVM | CPU s | peak RSS MB"
        + " | start-up s | events/s excl. start-up | events per CPU-s excl. start-up"
        + " | × native Flink streaming | × native Flink batch | × plain Java | × 2-core ceiling |\n");
    md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for (Summary x : s.summaries) {
      double eps = x.eventsPerSecond();
      md.append("| ").append(x.variant().label).append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f (%,.0f–%,.0f)", eps,
              x.min(Measurement::eventsPerSecond), x.max(Measurement::eventsPerSecond)))
          .append(" | ").append(f1(x.median(Measurement::processingSeconds)))
          .append(" | ").append(f1(x.median(Measurement::wallSeconds)))
          .append(" | ").append(f1(x.median(Measurement::cpuSeconds)))
          .append(" | ").append(String.format(Locale.ROOT, "%,.0f", x.max(m -> m.peakRssMb())))
          .append(" | ").append(s.startupSeconds.containsKey(x.variant())
              ? f1(s.startupSeconds.get(x.variant())) : "–")
          .append(" | ").append(rate(s.eventsPerSecondExcludingStartup(x)))
          .append(" | ").append(rate(s.eventsPerWorkCpuSecond(x)))
          .append(" | ").append(ratio(eps, nativeStreaming))
          .append(" | ").append(ratio(eps, nativeBatch))
          .append(" | ").append(ratio(eps, plain))
          .append(" | ").append(plain.map(p -> f2(eps / (2 * p.eventsPerSecond()))).orElse("–"))
          .append(" |\n");
    }
    md.append('\n');
    md.append("### The ratios asked for\n\n");
    Optional<Summary> beamStreaming = s.find(Variant.BEAM_FLINK_STREAMING, "main");
    Optional<Summary> beamBatch = s.find(Variant.BEAM_FLINK_BATCH, "main");
    if (beamStreaming.isPresent() && nativeStreaming.isPresent()) {
      bullet("Beamline on Flink streaming / native Flink streaming", beamStreaming.get(), nativeStreaming.get(), "target ≥ 0.8");
    }
    if (beamBatch.isPresent() && nativeBatch.isPresent() && nativeStreaming.isPresent()) {
      Summary fasterNative = nativeBatch.get().eventsPerSecond() >= nativeStreaming.get().eventsPerSecond()
          ? nativeBatch.get() : nativeStreaming.get();
      bullet("Beamline on Flink batch / the faster native Flink mode (" + fasterNative.variant().id + ")",
          beamBatch.get(), fasterNative, "target ≥ 1.0");
      bullet("Beamline on Flink batch / native Flink BATCH", beamBatch.get(), nativeBatch.get(), "");
    }
    Optional<Summary> fastestBeam = s.summaries.stream().filter(x -> x.variant().kind == Variant.Kind.BEAM)
        .max(java.util.Comparator.comparingDouble(Summary::eventsPerSecond));
    if (fastestBeam.isPresent() && plain.isPresent()) {
      md.append(String.format(Locale.ROOT, "- Fastest Beamline runner (%s) / 2-core ceiling (plain Java × 2 ="
              + " %,.0f events/s): **%.2f**%n", fastestBeam.get().variant().label,
          2 * plain.get().eventsPerSecond(),
          fastestBeam.get().eventsPerSecond() / (2 * plain.get().eventsPerSecond())));
    }
    for (Variant v : new Variant[] {Variant.BEAM_DIRECT, Variant.BEAM_SPARK, Variant.BEAM_FLINK_BATCH,
        Variant.BEAM_FLINK_STREAMING}) {
      Optional<Summary> b = s.find(v, "main");
      if (b.isPresent() && plain.isPresent()) {
        bullet(v.label + " / plain Java", b.get(), plain.get(), "");
      }
    }
    md.append('\n');
    String tp = date + "-main-throughput.png";
    String mem = date + "-main-memory.png";
    Charts.throughput(s, dir.resolve(tp));
    Charts.memory(s, dir.resolve(mem));
    md.append("![events per second](").append(tp).append(")\n\n![peak memory](").append(mem).append(")\n\n");
  }

  private void direct(SuiteResult s) {
    md.append("## ").append(s.title).append("\n\n");
    Summary any = s.summaries.get(0);
    md.append(any.workload().describe()).append(String.format(Locale.ROOT, "; %d timed run(s) each;"
        + " results checked equal to plain Java's.%n%n", o.scalingRuns));
    md.append("| variant | events/s | processing s | CPU s | peak RSS MB |\n| --- | ---: | ---: | ---: | ---: |\n");
    for (Summary x : s.summaries) {
      md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %,.0f |%n", x.variant().label,
          x.eventsPerSecond(), x.median(Measurement::processingSeconds), x.median(Measurement::cpuSeconds),
          x.max(m -> m.peakRssMb())));
    }
    Optional<Summary> d = s.find(Variant.BEAM_DIRECT, "direct");
    Optional<Summary> p = s.find(Variant.PLAIN_JAVA, "direct");
    if (d.isPresent() && p.isPresent()) {
      md.append('\n');
      bullet("Beamline on DirectRunner / plain Java", d.get(), p.get(), "");
    }
    md.append('\n');
  }

  private void scaling(SuiteResult s, Path dir, String date) throws IOException {
    md.append("## ").append(s.title).append("\n\n");
    List<Variant> vs = s.variants();
    md.append(String.format(Locale.ROOT, "%d timed run(s) per point, after the main suite warmed the caches;"
        + " every run's results checked equal to plain Java's.%n%n", o.scalingRuns));
    md.append("| workload |");
    for (Variant v : vs) {
      md.append(' ').append(v.id).append(" events/s | ").append(v.id).append(" RSS MB |");
    }
    md.append("\n| --- |");
    for (int i = 0; i < vs.size(); i++) {
      md.append(" ---: | ---: |");
    }
    md.append('\n');
    for (String p : s.points()) {
      Workload w = null;
      StringBuilder cells = new StringBuilder();
      for (Variant v : vs) {
        Optional<Summary> x = s.find(v, p);
        if (x.isPresent()) {
          w = x.get().workload();
          cells.append(String.format(Locale.ROOT, " %,.0f | %,.0f |", x.get().eventsPerSecond(),
              x.get().max(m -> m.peakRssMb())));
        } else {
          cells.append(" – | – |");
        }
      }
      md.append("| ").append(w == null ? p : w.describe()).append(" |").append(cells).append('\n');
    }
    md.append('\n');
    String xTitle;
    java.util.function.ToDoubleFunction<Workload> x;
    switch (s.name) {
      case "events": xTitle = "events"; x = w -> w.events(); break;
      case "keys": xTitle = "keys (sensors)"; x = w -> w.keys(); break;
      default: xTitle = "window size / slide"; x = w -> (double) w.windowSizeMillis() / w.windowSlideMillis();
    }
    String tp = date + "-" + s.name + "-throughput.png";
    String mem = date + "-" + s.name + "-memory.png";
    Charts.scaling(s, xTitle, x, "events per second", Summary::eventsPerSecond, dir.resolve(tp));
    Charts.scaling(s, xTitle, x, "peak RSS MB", y -> y.max(m -> m.peakRssMb()), dir.resolve(mem));
    md.append("![").append(s.name).append(" throughput](").append(tp).append(")\n\n![")
        .append(s.name).append(" memory](").append(mem).append(")\n\n");
  }

  private void definitions() {
    md.append("## What the figures are\n\n");
    md.append("- **events/s** = input events / processing time; the median of the timed runs, min–max in"
        + " brackets.\n");
    md.append("- **processing s**: the child's own wall time of the work, JVM start-up excluded: for Beam"
        + " runs the launcher's run summary (pipeline construction, runner start-up such as Flink's"
        + " mini-cluster or the SparkContext, the run, its shutdown); for native Flink the same span"
        + " around `execute()`; for plain Java the read-parse-aggregate-write loop.\n");
    md.append("- **wall s incl. JVM**: the whole child process as the harness timed it.\n");
    md.append("- **CPU s**: CPU time of all the child's threads (JVM start included); less disturbed by"
        + " other load than wall time.\n");
    md.append("- **start-up s**: processing time of the same variant on " + BenchMain.STARTUP_EVENTS
        + " events, i.e. its fixed cost (runner start-up, pipeline translation, shutdown);"
        + " **events/s excl. start-up** = events / (processing − start-up), an estimate of the"
        + " steady-state rate. **events per CPU-s excl. start-up** = events / (CPU − CPU of the"
        + " 1,000-event run): the work's cost in CPU, the figure least disturbed by other load (a"
        + " per-CPU ratio ignores parallelism: two busy cores count twice).\n");
    md.append("- **peak RSS**: VmHWM of the child's JVM (/proc/self/status) at its end, largest of the runs;"
        + " every child runs with -Xmx4g (the launcher's default).\n");
    md.append("- **2-core ceiling** = plain Java single-thread × 2: what 2 cores could do with zero"
        + " framework cost.\n");
    md.append("- Beam variants run the bundle as a user does: `./beamline run sensor-stats --profile=...`."
        + " Native Flink: `dev.beamline.bench.flink.NativeFlinkSensorStats` (DataStream API, parallelism"
        + " 2, bounded-out-of-orderness watermark = the input's disorder, AggregateFunction, POJO types,"
        + " object reuse). Plain Java: `dev.beamline.bench.plain.PlainJavaSensorStats`. All use"
        + " sensor-stats' strict parser.\n\n");
  }

  private void bullet(String what, Summary a, Summary b, String target) {
    double net = current == null ? Double.NaN
        : current.eventsPerSecondExcludingStartup(a) / current.eventsPerSecondExcludingStartup(b);
    double cpu = current == null ? Double.NaN
        : current.eventsPerWorkCpuSecond(a) / current.eventsPerWorkCpuSecond(b);
    md.append(String.format(Locale.ROOT, "- %s: %,.0f / %,.0f = **%.2f**%s%s%s%n", what,
        a.eventsPerSecond(), b.eventsPerSecond(), a.eventsPerSecond() / b.eventsPerSecond(),
        target.isEmpty() ? "" : " (" + target + ")",
        Double.isFinite(net) ? String.format(Locale.ROOT, "; excluding start-up %.2f", net) : "",
        Double.isFinite(cpu) ? String.format(Locale.ROOT, "; per CPU-second of work %.2f", cpu) : ""));
  }

  /** A rate, or "–" when it cannot be estimated (a start-up run slower than the timed run). */
  private static String rate(double r) {
    return Double.isFinite(r) ? String.format(Locale.ROOT, "%,.0f", r) : "–";
  }

  private static String ratio(double eps, Optional<Summary> base) {
    return base.map(b -> f2(eps / b.eventsPerSecond())).orElse("–");
  }

  private void row(String k, String v) {
    md.append("| ").append(k).append(" | ").append(v).append(" |\n");
  }

  private static String f1(double d) {
    return String.format(Locale.ROOT, "%.1f", d);
  }

  private static String f2(double d) {
    return String.format(Locale.ROOT, "%.2f", d);
  }
}
