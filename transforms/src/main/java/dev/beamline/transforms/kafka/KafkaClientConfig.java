package dev.beamline.transforms.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Extra Kafka client properties (SASL, TLS, timeouts, ...) passed through to consumers, producers
 * and admin clients, with secrets kept out of sight.
 *
 * <p>A property is a <em>secret</em> when its name contains {@code password}, {@code secret},
 * {@code jaas}, {@code key}, {@code token} or {@code credential} (case-insensitive): e.g.
 * {@code sasl.jaas.config}, {@code ssl.key.password}, {@code ssl.keystore.key}. {@link #toString()}
 * and {@link #describe()} show secrets as {@value #HIDDEN}; error messages name the property, never
 * its value. KafkaIO shows the configs it is given in its display data, so the transforms here hand
 * these properties to the Kafka clients through factory functions instead (see
 * {@link KafkaClientFactories}).
 *
 * <p>Immutable and serializable: it travels inside those factory functions to the workers.
 */
public final class KafkaClientConfig implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final String HIDDEN = "[hidden]";
  private static final String[] SECRET_MARKERS =
      {"password", "secret", "jaas", "key", "token", "credential"};
  private static final KafkaClientConfig EMPTY = new KafkaClientConfig(new TreeMap<>());

  // TreeMap: a stable order for descriptions and equality.
  private final TreeMap<String, String> properties;

  private KafkaClientConfig(TreeMap<String, String> properties) {
    this.properties = properties;
  }

  public static KafkaClientConfig empty() {
    return EMPTY;
  }

  /** From a map; keys and values must be non-empty. */
  public static KafkaClientConfig of(Map<String, String> properties) {
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> e : properties.entrySet()) {
      copy.put(requireName(e.getKey()), requireValue(e.getKey(), e.getValue()));
    }
    return new KafkaClientConfig(copy);
  }

  /**
   * Parses {@code name=value[,name=value...]}. Values may contain {@code =} but not {@code ,}; a
   * property named twice is an error. Secrets are refused when {@code allowSecrets} is false: on a
   * command line they would be visible in process lists and in the runner's UI (Flink shows every
   * pipeline option), so they belong in a properties file.
   */
  public static KafkaClientConfig parse(String flag, String text, boolean allowSecrets) {
    TreeMap<String, String> props = new TreeMap<>();
    if (text == null || text.isBlank()) {
      return EMPTY;
    }
    for (String item : text.split(",", -1)) {
      String t = item.strip();
      int eq = t.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--" + flag + ": expected name=value[,name=value...], "
            + "got an item without a name or '=' (" + (isSecret(t) ? HIDDEN : "'" + t + "'") + ")");
      }
      String name = t.substring(0, eq).strip();
      String value = t.substring(eq + 1).strip();
      if (!allowSecrets && isSecret(name)) {
        throw new IllegalArgumentException("--" + flag + ": '" + name + "' looks like a secret; "
            + "secrets on the command line are visible in process lists and in the runner's UI: "
            + "put it in a properties file and pass --kafkaConfigFile=<path>");
      }
      if (props.containsKey(name)) {
        throw new IllegalArgumentException("--" + flag + ": '" + name + "' is given twice");
      }
      props.put(requireName(name), requireValue(name, value));
    }
    return new KafkaClientConfig(props);
  }

  /** Reads a Java properties file (UTF-8); secrets are allowed here. */
  public static KafkaClientConfig fromFile(Path file) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    TreeMap<String, String> props = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      props.put(requireName(name), requireValue(name, p.getProperty(name)));
    }
    return new KafkaClientConfig(props);
  }

  /** This config with {@code other}'s properties added; a property in both is an error. */
  public KafkaClientConfig plus(KafkaClientConfig other) {
    TreeMap<String, String> merged = new TreeMap<>(properties);
    for (Map.Entry<String, String> e : other.properties.entrySet()) {
      if (merged.containsKey(e.getKey())) {
        throw new IllegalArgumentException("Kafka property '" + e.getKey() + "' is set twice");
      }
      merged.put(e.getKey(), e.getValue());
    }
    return new KafkaClientConfig(merged);
  }

  /** True when {@code name} looks like it holds a secret (see the class comment). */
  public static boolean isSecret(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    for (String marker : SECRET_MARKERS) {
      if (n.contains(marker)) {
        return true;
      }
    }
    return false;
  }

  public boolean isEmpty() {
    return properties.isEmpty();
  }

  /** The properties, for the Kafka client constructors; never log this map. */
  public Map<String, String> asMap() {
    return Collections.unmodifiableMap(properties);
  }

  /** The properties as a client config map with {@code base} under them (ours win). */
  public Map<String, Object> applyTo(Map<String, Object> base) {
    Map<String, Object> merged = new LinkedHashMap<>(base);
    merged.putAll(properties);
    return merged;
  }

  /** {@code name=value, ...} with secret values shown as {@value #HIDDEN}. */
  public String describe() {
    StringJoiner j = new StringJoiner(", ");
    for (Map.Entry<String, String> e : properties.entrySet()) {
      j.add(e.getKey() + "=" + (isSecret(e.getKey()) ? HIDDEN : e.getValue()));
    }
    return j.toString();
  }

  @Override
  public String toString() {
    return "KafkaClientConfig{" + describe() + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KafkaClientConfig && ((KafkaClientConfig) o).properties.equals(properties);
  }

  @Override
  public int hashCode() {
    return properties.hashCode();
  }

  private static String requireName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("a Kafka property has an empty name");
    }
    return name;
  }

  private static String requireValue(String name, String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("Kafka property '" + name + "' has an empty value");
    }
    return value;
  }
}
