package dev.beamline.pipelines.io;

import dev.beamline.transforms.kafka.KafkaClientConfig;
import dev.beamline.transforms.windowing.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.joda.time.Duration;

/** Reads the Kafka flags of {@link KafkaOptions} into client settings, with flag-named errors. */
final class KafkaSettings {
  private static final int PREFLIGHT_TIMEOUT_SECONDS = 10;

  private KafkaSettings() {}

  static String bootstrapServers(KafkaOptions o, String why) {
    String servers = o.getBootstrapServers() == null ? "" : o.getBootstrapServers().strip();
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("--bootstrapServers is required with " + why
          + " (the local broker's address: ./beamline kafka status)");
    }
    return servers;
  }

  /** The properties file's settings (secrets allowed) plus {@code --<flag>} (no secrets). */
  static KafkaClientConfig clientConfig(KafkaOptions o, String flag, String flagValue) {
    KafkaClientConfig fromFile = fileConfig(o);
    KafkaClientConfig fromFlag = KafkaClientConfig.parse(flag, flagValue, false);
    try {
      return fromFile.plus(fromFlag);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + flag + " and --kafkaConfigFile: "
          + e.getMessage(), e);
    }
  }

  static KafkaClientConfig fileConfig(KafkaOptions o) {
    String file = o.getKafkaConfigFile() == null ? "" : o.getKafkaConfigFile().strip();
    if (file.isEmpty()) {
      return KafkaClientConfig.empty();
    }
    Path path = Paths.get(file);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("--kafkaConfigFile: no such file '" + file + "'");
    }
    try {
      return KafkaClientConfig.fromFile(path);
    } catch (IOException | IllegalArgumentException e) {
      // Properties files name properties in their errors, never values.
      throw new IllegalArgumentException("--kafkaConfigFile: cannot read '" + file + "': "
          + e.getMessage(), e);
    }
  }

  static Duration duration(String flag, String text) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--" + flag + ": " + e.getMessage(), e);
    }
  }

  /**
   * Fails fast, before a runner starts, when the cluster cannot be reached or a topic the run
   * reads does not exist (KafkaIO would otherwise fail deep inside the runner, or wait).
   */
  static void requireTopics(String bootstrapServers, KafkaClientConfig config, Set<String> topics) {
    Map<String, Object> admin = config.applyTo(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, PREFLIGHT_TIMEOUT_SECONDS * 1000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, PREFLIGHT_TIMEOUT_SECONDS * 1000));
    try (Admin client = Admin.create(admin)) {
      Set<String> existing =
          client.listTopics().names().get(PREFLIGHT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      for (String t : topics) {
        if (!existing.contains(t)) {
          throw new IllegalArgumentException("--topic: topic '" + t + "' does not exist at "
              + bootstrapServers + " (create it, e.g. ./beamline kafka produce --topic " + t
              + " ...)");
        }
      }
    } catch (TimeoutException | ExecutionException e) {
      throw new IllegalArgumentException("cannot reach Kafka at " + bootstrapServers + " within "
          + PREFLIGHT_TIMEOUT_SECONDS + " s (is the broker running? ./beamline kafka status)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking Kafka", e);
    }
  }
}
