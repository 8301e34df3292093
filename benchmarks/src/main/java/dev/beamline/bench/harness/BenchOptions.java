package dev.beamline.bench.harness;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The flags of {@code ./beamline bench}; every default is the documented default run. */
final class BenchOptions {
  static final String USAGE = String.join("\n",
      "usage: ./beamline bench [--events N] [--keys K] [--runs R] [--suite main,events,keys,sliding,kafka]",
      "                        [--variants v1,v2] [--scalingVariants fastest-beam,plain-java]",
      "                        [--scaleBase N] [--slidingEvents N] [--scalingRuns R] [--seed S]",
      "                        [--files F] [--beamFlags '--fasterCopy=false'] [--out DIR] [--work DIR]",
      "variants: " + Variant.ids());

  long events = 500_000;
  int keys = 1_000;
  int runs = 3;
  List<String> suites = List.of("main", "events", "keys", "sliding", "kafka");
  List<Variant> variants = Arrays.asList(Variant.values());
  List<String> scalingVariants = List.of("fastest-beam", "plain-java");
  long scaleBase = 250_000;
  long slidingEvents = 100_000;
  int scalingRuns = 1;
  long seed = 42;
  long maxDisorderMillis = 10_000;
  int files = 2;
  List<String> beamFlags = List.of();
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
        case "slidingEvents": o.slidingEvents = positive(e.getKey(), Long.parseLong(v)); break;
        case "scalingRuns": o.scalingRuns = (int) positive(e.getKey(), Long.parseLong(v)); break;
        case "seed": o.seed = Long.parseLong(v); break;
        case "files": o.files = (int) positive(e.getKey(), Long.parseLong(v)); break;
        case "beamFlags": o.beamFlags = v.isBlank() ? List.of() : Arrays.asList(v.trim().split("\\s+")); break;
        case "out": o.out = v; break;
        case "work": o.work = v; break;
        default: throw new IllegalArgumentException("unknown option --" + e.getKey() + "\n" + USAGE);
      }
    }
    for (String s : o.suites) {
      if (!List.of("main", "events", "keys", "sliding", "kafka").contains(s)) {
        throw new IllegalArgumentException("unknown suite '" + s + "'; suites: main, events, keys, sliding, kafka");
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
