package dev.beamline.bench;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} or {@code --name=value} arguments of a benchmark child; all required. */
public final class ChildArgs {
  private final Map<String, String> values = new HashMap<>();

  public ChildArgs(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      int eq = a.indexOf('=');
      if (eq > 0) {
        values.put(a.substring(2, eq), a.substring(eq + 1));
      } else if (i + 1 < args.length) {
        values.put(a.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException(a + " needs a value");
      }
    }
  }

  public String get(String name) {
    String v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + name);
    }
    return v;
  }

  public String get(String name, String dflt) {
    return values.getOrDefault(name, dflt);
  }

  public long getLong(String name) {
    return Long.parseLong(get(name));
  }

  public long getLong(String name, long dflt) {
    String v = values.get(name);
    return v == null ? dflt : Long.parseLong(v);
  }
}
