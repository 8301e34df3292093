package dev.beamline.kafka;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Features;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), inside the
 * calling JVM: what {@code ./beamline kafka start} runs in its own JVM, and what the integration
 * tests start in theirs. Listens on 127.0.0.1 only, keeps its data in one folder, and formats that
 * folder on first start.
 *
 * <p>Settings that matter for a one-node test broker: replication factor 1 and min ISR 1 for the
 * offsets and transaction-state topics (transactions, hence exactly-once sinks, need them); no
 * initial rebalance delay; and no time-based retention, because test data carries event times
 * from the past and would otherwise be deleted minutes after it is written.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final String CLUSTER_ID_FILE = "cluster.id";

  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private KafkaRaftServer server;

  private EmbeddedKafkaBroker(Path dataDir, int port, int controllerPort) {
    this.dataDir = dataDir;
    this.port = port;
    this.controllerPort = controllerPort;
  }

  /** A broker on {@code port} (0: any free port), with its data under {@code dataDir}. */
  public static EmbeddedKafkaBroker create(Path dataDir, int port, int controllerPort) {
    return new EmbeddedKafkaBroker(dataDir.toAbsolutePath(),
        port == 0 ? FreePorts.pick() : port, controllerPort == 0 ? FreePorts.pick() : controllerPort);
  }

  /** Formats the data folder if needed, starts the broker and waits until it answers. */
  public EmbeddedKafkaBroker start(Duration timeout) {
    try {
      Files.createDirectories(dataDir);
      Properties props = config();
      KafkaConfig config = KafkaConfig.fromProps(props, false);
      formatIfNeeded(config);
      server = new KafkaRaftServer(config, Time.SYSTEM);
      server.startup();
      awaitReady(bootstrapServers(), timeout);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka in " + dataDir, e);
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public int controllerPort() {
    return controllerPort;
  }

  public Path dataDir() {
    return dataDir;
  }

  /** Stops the broker and waits for it (a clean shutdown: logs are flushed and closed). */
  @Override
  public void close() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  Properties config() {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.resolve("logs").toString());
    p.put("num.partitions", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "5");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "5");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.retention.ms", "-1");
    p.put("auto.create.topics.enable", "true");
    return p;
  }

  private void formatIfNeeded(KafkaConfig config) throws IOException {
    Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
    String clusterId;
    if (Files.isRegularFile(idFile)) {
      clusterId = Files.readString(idFile).strip();
    } else {
      clusterId = Uuid.randomUuid().toString();
    }
    try (PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setSupportedFeatures(Features.PRODUCTION_FEATURES)
          .setClusterId(clusterId)
          .setNodeId(config.nodeId())
          .setControllerListenerName("CONTROLLER")
          .setMetadataLogDirectory(config.metadataLogDir())
          .setDirectories(List.of(dataDir.resolve("logs").toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setIgnoreFormatted(true)
          .run();
    } catch (Exception e) {
      throw new IOException("cannot format " + dataDir + ": " + e.getMessage(), e);
    }
    Files.writeString(idFile, clusterId + "\n");
  }

  /** Waits until an AdminClient can describe the cluster at {@code bootstrap}. */
  static void awaitReady(String bootstrap, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000))) {
      while (System.nanoTime() < deadline) {
        try {
          admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          last = e;
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
      }
    }
    throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within "
        + timeout.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()), last);
  }
}
