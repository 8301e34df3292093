package dev.beamline.bench.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flags of {@code ./beamline bench}; every default is the documented default run. */
final class BenchOptions {
  static final String USAGE = String.join("\n",
      "usage: ./beamline bench [--events N] [--keys K] [--runs R] [--suite main,direct,events,keys,sliding,kafka]",
      "                        [--variants v1,v2] [--scalingVariants fastest-beam,plain-java]",
      "                        [--scaleBase N] [--slidingEvents N] [--scalingRuns R] [--directEvents N] [--seed S]",
      "                        [--files F] [--beamFlags '--fasterCopy=false'] [--out DIR] [--work DIR]",
      "                        [--kafkaRate N/s] [--kafkaSeconds S] [--kafkaWarmupSeconds S] [--kafkaWindow MS]",
      "                        [--kafkaVariants beam-flink-streaming,flink-native-streaming]",
      "variants: " + Variant.ids());

  long events = 500_000;
  int keys = 1_000;
  int runs = 3;
  List<String> suites = List.of("main", "direct", "events", "keys", "sliding", "kafka");
  /** The DirectRunner is left out of the main suite by default: it has its own, smaller suite. */
  List<Variant> variants = List.of(Variant.BEAM_FLINK_BATCH, Variant.BEAM_FLINK_STREAMING,
      Variant.BEAM_SPARK, Variant.NATIVE_FLINK_STREAMING, Variant.NATIVE_FLINK_BATCH, Variant.PLAIN_JAVA);
  long directEvents = 20_000;
  List<String> scalingVariants = List.of("fastest-beam", "plain-java");
  long scaleBase = 100_000;
  long slidingEvents = 20_000;
  int scalingRuns = 1;
  long seed = 42;
  long maxDisorderMillis = 10_000;
  int files = 2;
  List<String> beamFlags = List.of();
  /** Kafka suite: readings per second, seconds of production, warm-up windows left out, window size. */
  int kafkaRate = 5_000;
  int kafkaSeconds = 30;
  int kafkaWarmupSeconds = 10;
  long kafkaWindowMillis = 5_000;
  List<Variant> kafkaVariants = List.of(Variant.BEAM_FLINK_STREAMING, Variant.NATIVE_FLINK_STREAMING);
  String out = "benchmarks/results";
  String work = "out/bench";

  static BenchOptions parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + a + "'\n" + USAGE);
      }
      int eq = a.indexOf('=');
      if (eq > 0) {
        m.put(a.substring(2, eq), a.substring(eq + 1));
      } else if (i + 1 < args.length) {
        m.put(a.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException(a + " needs a value");
      }
    }
    BenchOptions o = new BenchOptions();
    for (Map.Entry<String, String> e : m.entrySet()) {
      String v = e.getValue();
      switch (e.getKey()) {
        case "events": o.events = positive(e.getKey(), Long.parseLong(v.replace("_", ""))); break;
        case "keys": o.keys = (int) positive(e.getKey(), Long.parseLong(v)); break;
        case "runs": o.runs = (int) positive(e.getKey(), Long.parseLong(v)); break;
        case "suite": o.suites = list(v); break;
        case "variants": o.variants = variants(v); break;
        case "scalingVariants": o.scalingVariants = list(v); break;
        case "scaleBase": o.scaleBase = positive(e.getKey(), Long.parseLong(v)); break;
        case "directEvents": o.directEvents = positive(e.getKey(), Long.parseLong(v)); break;
        case "slidingEvents": o.slidingEvents = positive(e.getKey(), Long.parseLong(v)); break;
        case "scalingRuns": o.scalingRuns = (int) positive(e.getKey(), Long.parseLong(v)); break;
        case "seed": o.seed = Long.parseLong(v); break;
        case "files": o.files = (int) positive(e.getKey(), Long.parseLong(v)); break;
        case "beamFlags": o.beamFlags = v.isBlank() ? List.of() : Arrays.asList(v.trim().split("\\s+")); break;
        case "kafkaRate": o.kafkaRate = (int) positive(e.getKey(), Long.parseLong(v)); break;
        case "kafkaSeconds": o.kafkaSeconds = (int) positive(e.getKey(), Long.parseLong(v)); break;
        case "kafkaWarmupSeconds": o.kafkaWarmupSeconds = Integer.parseInt(v); break;
        case "kafkaWindow": o.kafkaWindowMillis = positive(e.getKey(), Long.parseLong(v)); break;
        case "kafkaVariants": o.kafkaVariants = variants(v); break;
        case "out": o.out = v; break;
        case "work": o.work = v; break;
        default: throw new IllegalArgumentException("unknown option --" + e.getKey() + "\n" + USAGE);
      }
    }
    for (String s : o.suites) {
      if (!List.of("main", "direct", "events", "keys", "sliding", "kafka").contains(s)) {
        throw new IllegalArgumentException("unknown suite '" + s + "'; suites: main, direct, events, keys, sliding, kafka");
      }
    }
    for (String s : o.scalingVariants) {
      if (!s.equals("fastest-beam")) {
        Variant.byId(s);
      }
    }
    return o;
  }

  private static long positive(String name, long v) {
    if (v <= 0) {
      throw new IllegalArgumentException("--" + name + " must be > 0, was " + v);
    }
    return v;
  }

  private static List<String> list(String v) {
    List<String> xs = new ArrayList<>();
    for (String s : v.split(",")) {
      if (!s.isBlank()) {
        xs.add(s.trim());
      }
    }
    return xs;
  }

  private static List<Variant> variants(String v) {
    List<Variant> xs = new ArrayList<>();
    for (String s : list(v)) {
      xs.add(Variant.byId(s));
    }
    return xs;
  }
}
