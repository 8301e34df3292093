package dev.beamline.kafka;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line flags of the form {@code --name value}, {@code --name=value} or a bare
 * {@code --switch}; each command declares which names it takes and which of those are switches.
 */
final class Args {
  private final Map<String, String> values = new LinkedHashMap<>();

  private Args() {}

  static Args parse(List<String> args, Set<String> valued, Set<String> switches) {
    Args a = new Args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new UsageException("unexpected argument '" + arg + "'");
      }
      String name = arg.substring(2);
      String value = null;
      int eq = name.indexOf('=');
      if (eq >= 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
      }
      if (switches.contains(name)) {
        if (value != null && !value.equals("true") && !value.equals("false")) {
          throw new UsageException("--" + name + " takes no value");
        }
        value = value == null ? "true" : value;
      } else if (valued.contains(name)) {
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new UsageException("--" + name + " needs a value");
          }
          value = args.get(++i);
        }
      } else {
        List<String> known = new ArrayList<>(valued);
        known.addAll(switches);
        throw new UsageException("unknown option --" + name + "; options: --" + String.join(", --", known));
      }
      if (a.values.put(name, value) != null) {
        throw new UsageException("--" + name + " is given twice");
      }
    }
    return a;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  boolean flag(String name) {
    return "true".equals(values.get(name));
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String require(String name) {
    String v = values.get(name);
    if (v == null || v.isBlank()) {
      throw new UsageException("--" + name + " is required");
    }
    return v;
  }

  long getLong(String name, long fallback, long min) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(v.strip());
      if (n < min) {
        throw new UsageException("--" + name + " must be >= " + min + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + ": '" + v + "' is not a whole number");
    }
  }

  /** A rate such as {@code 100}, {@code 100/s} or {@code 0} (no limit). */
  double getRate(String name) {
    String v = values.get(name);
    if (v == null) {
      return 0;
    }
    String t = v.strip();
    if (t.endsWith("/s")) {
      t = t.substring(0, t.length() - 2);
    }
    try {
      double r = Double.parseDouble(t);
      if (!(r >= 0) || Double.isInfinite(r)) {
        throw new UsageException("--" + name + " must be a number of records per second >= 0");
      }
      return r;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + ": '" + v + "' is not a rate like 100 or 100/s");
    }
  }

  /** A duration such as {@code 10s}, {@code 500ms}, {@code 2m}. */
  java.time.Duration getDuration(String name, java.time.Duration fallback) {
    String v = values.get(name);
    if (v == null) {
      return fallback;
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(v.strip());
    if (!m.matches()) {
      throw new UsageException("--" + name + ": '" + v + "' is not a duration like 500ms, 10s or 2m");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "ms":
        return java.time.Duration.ofMillis(n);
      case "s":
        return java.time.Duration.ofSeconds(n);
      default:
        return java.time.Duration.ofMinutes(n);
    }
  }
}
