package dev.beamline.launcher;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * The help text of a pipeline: its own options (from Beamline interfaces) with descriptions and
 * defaults, then the few runner flags users need most. Beam's full list is long and mostly noise.
 */
final class OptionsHelp {
  private OptionsHelp() {}

  /** The help of {@code options}, without the flags in {@code leftOut} (the pipeline refuses them). */
  static String describe(Class<? extends PipelineOptions> options, Set<String> leftOut) {
    StringBuilder b = new StringBuilder();
    for (Class<?> iface : beamlineInterfaces(options)) {
      for (Method m : iface.getDeclaredMethods()) {
        String prop = propertyName(m);
        if (prop == null || leftOut.contains(prop)) {
          continue;
        }
        Description d = m.getAnnotation(Description.class);
        b.append(String.format("  --%-20s %s%n", prop, d == null ? "" : d.value()));
        String def = defaultOf(m);
        if (def != null) {
          b.append(String.format("  %-22s default: %s%n", "", def));
        }
      }
    }
    b.append(String.format("%nRunner flags (profiles set them; your flags override the profile's):%n"));
    b.append(String.format("  --%-20s %s%n", "profile", "direct (default), flink-local, spark-local; "
        + "files in runners-config/"));
    b.append(String.format("  --%-20s %s%n", "runner", "DirectRunner, FlinkRunner or SparkRunner"));
    b.append(String.format("  --%-20s %s%n", "streaming", "true for streaming execution (default false)"));
    b.append(String.format("  --%-20s %s%n", "parallelism", "FlinkRunner parallelism"));
    b.append(String.format("  --%-20s %s%n", "flinkMaster", "[local], [auto] or host:port of a Flink cluster"));
    b.append(String.format("  --%-20s %s%n", "sparkMaster", "local[N] or spark://host:port"));
    return b.toString();
  }

  /** Beamline's interfaces among {@code options} and its super-interfaces, parents first. */
  private static List<Class<?>> beamlineInterfaces(Class<?> options) {
    Set<Class<?>> seen = new LinkedHashSet<>();
    collect(options, seen);
    List<Class<?>> result = new ArrayList<>();
    for (Class<?> c : seen) {
      if (c.getName().startsWith("dev.beamline.")) {
        result.add(c);
      }
    }
    java.util.Collections.reverse(result);
    return result;
  }

  private static void collect(Class<?> c, Set<Class<?>> seen) {
    if (!seen.add(c)) {
      return;
    }
    for (Class<?> parent : c.getInterfaces()) {
      collect(parent, seen);
    }
  }

  private static String propertyName(Method m) {
    String n = m.getName();
    if (m.getParameterCount() != 0 || m.isDefault() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) {
      return null;
    }
    String base;
    if (n.startsWith("get") && n.length() > 3) {
      base = n.substring(3);
    } else if (n.startsWith("is") && n.length() > 2) {
      base = n.substring(2);
    } else {
      return null;
    }
    return Character.toLowerCase(base.charAt(0)) + base.substring(1);
  }

  private static String defaultOf(Method m) {
    if (m.getAnnotation(Validation.Required.class) != null) {
      return "(required)";
    }
    Default.String s = m.getAnnotation(Default.String.class);
    if (s != null) {
      return s.value().isEmpty() ? "(none)" : s.value();
    }
    Default.Integer i = m.getAnnotation(Default.Integer.class);
    if (i != null) {
      return Integer.toString(i.value());
    }
    Default.Long l = m.getAnnotation(Default.Long.class);
    if (l != null) {
      return Long.toString(l.value());
    }
    Default.Boolean bo = m.getAnnotation(Default.Boolean.class);
    if (bo != null) {
      return Boolean.toString(bo.value());
    }
    Default.Double d = m.getAnnotation(Default.Double.class);
    if (d != null) {
      return Double.toString(d.value());
    }
    Default.Enum e = m.getAnnotation(Default.Enum.class);
    if (e != null) {
      return e.value();
    }
    return null;
  }
}
