package dev.beamline.bench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ./beamline bench}: generates the input once, runs every variant on it (a warm-up run, then
 * interleaved timed runs), checks that every run computed the same results as every other, runs the
 * scaling suites, and writes {@code benchmarks/results/<date>.md} with PNG charts.
 */
public final class BenchMain {
  /** Input size of the run that measures each variant's fixed cost (start-up and shutdown). */
  static final long STARTUP_EVENTS = 1_000;
  private final BenchOptions o;
  private final Environment env;
  private final ChildRunner runner;
  private final InputData inputs;
  private final Path work;
  private final List<String> log = new ArrayList<>();

  private BenchMain(BenchOptions o, Path home) {
    this.o = o;
    this.env = new Environment(home, List.of("-Xmx4g"), o.beamFlags);
    Map<String, String> childEnv = new HashMap<>();
    this.runner = new ChildRunner(env, childEnv);
    this.work = home.resolve(o.work);
    this.inputs = new InputData(env, work.resolve("input"), o.seed, o.maxDisorderMillis, o.files);
  }

  public static void main(String[] args) throws Exception {
    BenchOptions o;
    try {
      o = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("beamline bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path home = Paths.get(System.getProperty("beamline.home", ".")).toAbsolutePath().normalize();
    String command = "./beamline bench" + (args.length == 0 ? "" : " " + String.join(" ", args));
    try {
      new BenchMain(o, home).run(command);
    } catch (VoidBenchmarkException e) {
      System.err.println("beamline bench: VOID: " + e.getMessage());
      System.exit(1);
    }
  }

  private void run(String command) throws IOException, InterruptedException {
    SameParserCheck.require(env.home.resolve("pipelines/target/beamline-bundle.jar"));
    MachineInfo machine = MachineInfo.now();
    long started = System.nanoTime();
    List<SuiteResult> results = new ArrayList<>();
    Variant fastestBeam = null;
    for (String suite : o.suites) {
      switch (suite) {
        case "main":
          SuiteResult main = mainSuite();
          results.add(main);
          fastestBeam = fastestBeam(main);
          break;
        case "direct":
          results.add(direct());
          break;
        case "events":
          results.add(scaling("events", "Scaling with input size (events 1×→10×)", eventsPoints(), fastestBeam));
          break;
        case "keys":
          results.add(scaling("keys", "Scaling with keys (sensors)", keysPoints(), fastestBeam));
          break;
        case "sliding":
          results.add(scaling("sliding", "Sliding windows: size/slide 1, 5 and 60", slidingPoints(), fastestBeam));
          break;
        case "kafka":
          results.add(new KafkaSuite(o, env, runner, work, this::say).run());
          break;
        default:
          throw new AssertionError(suite);
      }
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    MachineInfo after = MachineInfo.now();
    Path outDir = env.home.resolve(o.out);
    String date = LocalDate.now().toString();
    Path report = new Report(o, command, machine, after, minutes, results, log)
        .write(outDir, date);
    say(String.format(Locale.ROOT, "done in %.1f min; results: %s", minutes, env.home.relativize(report)));
  }

  private SuiteResult mainSuite() throws IOException, InterruptedException {
    SuiteResult r = new SuiteResult("main", "All runners and the native engines on the same work");
    Workload w = workload("main", "main", o.events, o.keys, 60_000, 60_000);
    Map<Variant, List<Measurement>> runs = new LinkedHashMap<>();
    List<Variant> variants = new ArrayList<>(o.variants);
    Workload tiny = workload("main", "start-up", STARTUP_EVENTS, o.keys, 60_000, 60_000);
    WindowResults tinyReference = reference(tiny, variants);
    say("main: start-up cost of each variant (" + STARTUP_EVENTS + " events)");
    for (Variant v : variants) {
      Measurement m = timedRun(v, tiny, 0, tinyReference);
      r.startupSeconds.put(v, m.processingSeconds());
      r.startupCpuSeconds.put(v, m.cpuSeconds());
    }
    WindowResults reference = reference(w, variants);
    say("main: warm-up run of each variant");
    for (Variant v : variants) {
      if (v != Variant.PLAIN_JAVA) {
        timedRun(v, w, 0, reference);
      }
    }
    for (int i = 1; i <= o.runs; i++) {
      // Interleaved: each round starts with a different variant, so drifts in machine load spread
      // over all of them instead of landing on one.
      List<Variant> order = new ArrayList<>(variants);
      Collections.rotate(order, -(i - 1));
      for (Variant v : order) {
        runs.computeIfAbsent(v, k -> new ArrayList<>()).add(timedRun(v, w, i, reference));
      }
    }
    for (Variant v : variants) {
      r.summaries.add(new Summary(v, w, runs.get(v)));
    }
    return r;
  }

  /**
   * Runs plain Java once on the workload and keeps its results as the reference every other run
   * must equal; when plain Java is one of the variants this run is its warm-up.
   */
  private WindowResults reference(Workload w, List<Variant> variants) throws IOException, InterruptedException {
    Path out = runDir(w, Variant.PLAIN_JAVA, 0);
    Measurement m = runner.run(Variant.PLAIN_JAVA, w, 0, out);
    WindowResults ref = WindowResults.read(out.resolve("results"), "plain-java");
    say(String.format(Locale.ROOT, "%s/%s reference (plain-java): %,d windows, %.1f s", w.suite(),
        w.point(), ref.size(), m.processingSeconds()));
    return ref;
  }

  private Measurement timedRun(Variant v, Workload w, int run, WindowResults reference)
      throws IOException, InterruptedException {
    Path out = runDir(w, v, run);
    Measurement m = runner.run(v, w, run, out);
    WindowResults.read(out.resolve("results"), v.id).requireSameAs(reference, v.id, "plain-java");
    say(String.format(Locale.ROOT, "%s/%s %s %s: %,.0f events/s, %.1f s processing, %.1f s wall,"
            + " %.1f s CPU, %,d MB (results equal)", w.suite(), w.point(), v.id,
        run == 0 ? "warm-up" : "run " + run, m.eventsPerSecond(), m.processingSeconds(),
        m.wallSeconds(), m.cpuSeconds(), m.peakRssMb()));
    return m;
  }

  private SuiteResult scaling(String name, String title, List<Workload> points, Variant fastestBeam)
      throws IOException, InterruptedException {
    SuiteResult r = new SuiteResult(name, title);
    List<Variant> variants = new ArrayList<>();
    for (String id : o.scalingVariants) {
      Variant v = id.equals("fastest-beam")
          ? (fastestBeam != null ? fastestBeam : Variant.BEAM_SPARK) : Variant.byId(id);
      if (!variants.contains(v)) {
        variants.add(v);
      }
    }
    for (Workload w : points) {
      WindowResults reference = reference(w, variants);
      Map<Variant, List<Measurement>> runs = new LinkedHashMap<>();
      for (int i = 1; i <= o.scalingRuns; i++) {
        List<Variant> order = new ArrayList<>(variants);
        Collections.rotate(order, -(i - 1));
        for (Variant v : order) {
          runs.computeIfAbsent(v, k -> new ArrayList<>()).add(timedRun(v, w, i, reference));
        }
      }
      for (Variant v : variants) {
        r.summaries.add(new Summary(v, w, runs.get(v)));
      }
    }
    return r;
  }

  /**
   * The DirectRunner against plain Java on a smaller input: its cost is dominated by per-bundle and
   * per-key work (see OPTIMISATIONS.md), so the main suite's size would take most of the time budget.
   */
  private SuiteResult direct() throws IOException, InterruptedException {
    SuiteResult r = new SuiteResult("direct", "DirectRunner against plain Java");
    Workload w = workload("direct", "direct", o.directEvents, o.keys, 60_000, 60_000);
    WindowResults reference = reference(w, List.of(Variant.PLAIN_JAVA));
    Map<Variant, List<Measurement>> runs = new LinkedHashMap<>();
    for (int i = 1; i <= o.scalingRuns; i++) {
      for (Variant v : List.of(Variant.BEAM_DIRECT, Variant.PLAIN_JAVA)) {
        runs.computeIfAbsent(v, k -> new ArrayList<>()).add(timedRun(v, w, i, reference));
      }
    }
    for (Map.Entry<Variant, List<Measurement>> e : runs.entrySet()) {
      r.summaries.add(new Summary(e.getKey(), w, e.getValue()));
    }
    return r;
  }

  private List<Workload> eventsPoints() throws IOException, InterruptedException {
    List<Workload> ws = new ArrayList<>();
    for (int f : new int[] {1, 3, 10}) {
      ws.add(workload("events", f + "×", o.scaleBase * f, o.keys, 60_000, 60_000));
    }
    return ws;
  }

  private List<Workload> keysPoints() throws IOException, InterruptedException {
    List<Workload> ws = new ArrayList<>();
    for (int k : new int[] {100, 1_000, 10_000, 100_000}) {
      ws.add(workload("keys", String.format(Locale.ROOT, "%,d", k), o.scaleBase, k, 60_000, 60_000));
    }
    return ws;
  }

  private List<Workload> slidingPoints() throws IOException, InterruptedException {
    List<Workload> ws = new ArrayList<>();
    for (long slide : new long[] {60_000, 12_000, 1_000}) {
      ws.add(workload("sliding", Long.toString(60_000 / slide), o.slidingEvents, o.keys, 60_000, slide));
    }
    return ws;
  }

  private Workload workload(String suite, String point, long events, int keys, long size, long slide)
      throws IOException, InterruptedException {
    Path input = inputs.folder(events, keys);
    return new Workload(suite, point, input, events, keys, size, slide, o.maxDisorderMillis);
  }

  private Path runDir(Workload w, Variant v, int run) {
    String point = w.point().replaceAll("[^A-Za-z0-9]+", "");
    return work.resolve("runs").resolve(w.suite() + "-" + point).resolve(v.id).resolve("run-" + run);
  }

  private static Variant fastestBeam(SuiteResult main) {
    return main.summaries.stream().filter(s -> s.variant().kind == Variant.Kind.BEAM)
        .max(Comparator.comparingDouble(Summary::eventsPerSecond)).map(Summary::variant).orElse(null);
  }

  private void say(String msg) {
    String line = "[" + LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + "] " + msg;
    log.add(line);
    System.err.println("bench: " + line);
  }
}
