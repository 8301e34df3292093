package dev.beamline.kafka;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The project's local broker: a {@link EmbeddedKafkaBroker} in a JVM of its own, started in the
 * background by {@code ./beamline kafka start} and stopped by {@code stop}. Everything it keeps is
 * under {@code <project>/.beamline/kafka/}: {@code data/} (the broker's log and metadata),
 * {@code broker.log}, and {@code state.properties} (ports, pid and the process's start time).
 *
 * <p>{@code stop} only ever signals the process recorded in the state file, and only after checking
 * that it is still that process: same start time, and a command line that runs this class's broker
 * on this data folder. A recycled pid belonging to anything else is left alone.
 */
final class LocalBroker {
  static final int DEFAULT_PORT = 19092;
  private static final String MAIN = KafkaTool.class.getName();
  static final String LOG_CONFIG = "classpath:beamline-kafka-log4j2.properties";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final Path dir;
  private final PrintStream out;

  LocalBroker(Path projectHome, PrintStream out) {
    this.dir = projectHome.resolve(".beamline").resolve("kafka").toAbsolutePath().normalize();
    this.out = out;
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  Path logFile() {
    return dir.resolve("broker.log");
  }

  private Path stateFile() {
    return dir.resolve("state.properties");
  }

  /** Starts the broker unless ours is running already; returns its bootstrap address. */
  String start(int requestedPort) throws IOException, InterruptedException {
    Properties state = readState();
    Optional<ProcessHandle> running = ours(state);
    if (running.isPresent()) {
      String bootstrap = bootstrap(state);
      if (requestedPort != 0 && requestedPort != Integer.parseInt(state.getProperty("port"))) {
        throw new UsageException("the local broker already runs at " + bootstrap + " (pid "
            + running.get().pid() + "); stop it first to move it to port " + requestedPort);
      }
      EmbeddedKafkaBroker.awaitReady(bootstrap, START_TIMEOUT);
      out.println("Kafka is already running at " + bootstrap + " (pid " + running.get().pid() + ")");
      return bootstrap;
    }
    int port = requestedPort != 0 ? requestedPort
        : Integer.parseInt(state.getProperty("port", Integer.toString(DEFAULT_PORT)));
    if (!FreePorts.isFree(port)) {
      throw new UsageException("port " + port + " on 127.0.0.1 is in use (another Kafka?); start "
          + "on another one with: ./beamline kafka start --port <port>");
    }
    int controllerPort = Integer.parseInt(state.getProperty("controllerPort", "0"));
    if (controllerPort == 0 || controllerPort == port || !FreePorts.isFree(controllerPort)) {
      controllerPort = FreePorts.pick();
    }
    Files.createDirectories(dir);
    List<String> cmd = new ArrayList<>();
    cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx512m");
    cmd.add("-Dlog4j2.configurationFile=" + LOG_CONFIG);
    cmd.add("-Dbeamline.kafka.logLevel=INFO");
    cmd.add("-cp");
    cmd.add(brokerJar().toString());
    cmd.add(MAIN);
    cmd.add("run-broker");
    cmd.add("--data=" + dataDir());
    cmd.add("--port=" + port);
    cmd.add("--controller-port=" + controllerPort);
    Process p = new ProcessBuilder(cmd)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .redirectErrorStream(true)
        .start();
    Properties next = new Properties();
    next.setProperty("port", Integer.toString(port));
    next.setProperty("controllerPort", Integer.toString(controllerPort));
    next.setProperty("pid", Long.toString(p.pid()));
    next.setProperty("started", p.info().startInstant().map(Instant::toString).orElse(""));
    writeState(next);
    String bootstrap = bootstrap(next);
    out.println("Starting Kafka (KRaft, single node) at " + bootstrap + ", data in " + dataDir()
        + ", log in " + logFile() + " ...");
    try {
      awaitReadyWhileAlive(p, bootstrap);
    } catch (RuntimeException e) {
      if (p.isAlive()) {
        p.destroy();
        p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
      throw new IllegalStateException(e.getMessage() + "; the last lines of " + logFile() + ":\n"
          + tail(logFile(), 15), e);
    }
    out.println("Kafka is running at " + bootstrap + " (pid " + p.pid() + ")");
    return bootstrap;
  }

  /** Stops our broker if it runs; true when one was stopped. */
  boolean stop() throws IOException {
    Properties state = readState();
    Optional<ProcessHandle> running = ours(state);
    if (running.isEmpty()) {
      out.println("Kafka is not running" + (state.containsKey("pid") ? " (stale state cleared)" : ""));
      clearPid(state);
      return false;
    }
    ProcessHandle h = running.get();
    out.println("Stopping Kafka (pid " + h.pid() + ") ...");
    h.destroy();
    try {
      h.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      out.println("Kafka did not stop within " + STOP_TIMEOUT.toSeconds() + " s; killing pid " + h.pid());
      h.destroyForcibly();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("waiting for pid " + h.pid() + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    clearPid(state);
    out.println("Kafka stopped");
    return true;
  }

  /** Deletes the stopped broker's data folder (topics, offsets, metadata); keeps the ports. */
  void deleteData() throws IOException {
    if (ours(readState()).isPresent()) {
      throw new IllegalStateException("the broker is running; stop it first");
    }
    Path data = dataDir();
    if (!Files.isDirectory(data)) {
      return;
    }
    try (java.util.stream.Stream<Path> walk = Files.walk(data)) {
      for (Path p : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
    out.println("Deleted " + data);
  }

  /** The bootstrap address of our running broker, if it runs. */
  Optional<String> runningBootstrap() throws IOException {
    Properties state = readState();
    return ours(state).map(h -> bootstrap(state));
  }

  /** Prints the state; true when the broker runs and answers. */
  boolean status() throws IOException {
    Properties state = readState();
    Optional<ProcessHandle> running = ours(state);
    if (running.isEmpty()) {
      out.println("Kafka is not running (start it with: ./beamline kafka start)");
      return false;
    }
    String bootstrap = bootstrap(state);
    try {
      EmbeddedKafkaBroker.awaitReady(bootstrap, Duration.ofSeconds(5));
    } catch (IllegalStateException e) {
      out.println("Kafka process " + running.get().pid() + " runs but does not answer at "
          + bootstrap + " (see " + logFile() + ")");
      return false;
    }
    out.println("Kafka is running at " + bootstrap + " (pid " + running.get().pid() + ")");
    out.println("  bootstrap servers: " + bootstrap);
    out.println("  data:              " + dataDir());
    out.println("  log:               " + logFile());
    return true;
  }

  /** The recorded process, if it is alive and still the broker this folder started. */
  private Optional<ProcessHandle> ours(Properties state) {
    String pid = state.getProperty("pid");
    if (pid == null || pid.isEmpty()) {
      return Optional.empty();
    }
    Optional<ProcessHandle> h;
    try {
      h = ProcessHandle.of(Long.parseLong(pid));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    return h.filter(ProcessHandle::isAlive).filter(p -> isOurBroker(p, state));
  }

  private boolean isOurBroker(ProcessHandle p, Properties state) {
    String started = state.getProperty("started", "");
    String actual = p.info().startInstant().map(Instant::toString).orElse("");
    if (!started.isEmpty() && !started.equals(actual)) {
      return false;
    }
    String cmd = p.info().commandLine().orElse(String.join(" ", p.info().arguments().orElse(new String[0])));
    return cmd.contains(MAIN) && cmd.contains("run-broker") && cmd.contains("--data=" + dataDir());
  }

  private void awaitReadyWhileAlive(Process p, String bootstrap) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("Kafka exited with code " + p.exitValue() + " while starting");
      }
      try {
        EmbeddedKafkaBroker.awaitReady(bootstrap, Duration.ofSeconds(2));
        return;
      } catch (IllegalStateException e) {
        // not up yet
      }
    }
    throw new IllegalStateException("Kafka did not answer at " + bootstrap + " within "
        + START_TIMEOUT.toSeconds() + " s");
  }

  private static String bootstrap(Properties state) {
    return "127.0.0.1:" + state.getProperty("port");
  }

  private Properties readState() throws IOException {
    Properties p = new Properties();
    if (Files.isRegularFile(stateFile())) {
      try (InputStream in = Files.newInputStream(stateFile())) {
        p.load(in);
      }
    }
    return p;
  }

  private void writeState(Properties p) throws IOException {
    Files.createDirectories(dir);
    Path tmp = dir.resolve("state.properties.tmp");
    try (OutputStream o = Files.newOutputStream(tmp)) {
      p.store(o, "Beamline local Kafka broker; written by ./beamline kafka start");
    }
    Files.move(tmp, stateFile(), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private void clearPid(Properties state) throws IOException {
    if (state.containsKey("pid")) {
      state.remove("pid");
      state.remove("started");
      writeState(state);
    }
  }

  /**
   * A private copy of this jar for the broker JVM: a rebuild of kafka-tools replaces the jar in
   * target/, and a JVM whose classes vanish under it fails on the next class it loads.
   */
  private Path brokerJar() throws IOException {
    Path own;
    try {
      own = Paths.get(LocalBroker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the kafka-tools jar", e);
    }
    if (!Files.isRegularFile(own)) {
      throw new IllegalStateException("start runs from the kafka-tools jar, not from " + own);
    }
    Path copy = dir.resolve("broker.jar");
    Files.copy(own, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return copy;
  }

  private static String tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + file + ")";
    }
  }
}
