package dev.beamline.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.rules.ExternalResource;

/**
 * The project's local Flink session cluster ({@code scripts/cluster.sh flink ...}, JobManager and
 * TaskManager as separate processes) for one test class: free ports picked at start so a cluster
 * the user runs, or a parallel build, is never disturbed; state, checkpoints and logs under
 * {@code target/} so they can be read after a failure. Adds what a recovery test needs: the REST
 * API, the TaskManager's process (to kill it) and a restart of the TaskManager alone.
 */
public final class FlinkSessionCluster extends ExternalResource {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final Path home;
  private final Path state;
  private final int restPort = FreePort.pick();
  private final Map<String, String> env = Map.of(
      "BEAMLINE_FLINK_REST_PORT", Integer.toString(restPort),
      "BEAMLINE_FLINK_RPC_PORT", Integer.toString(FreePort.pick()));

  public FlinkSessionCluster(Path home, Path state) {
    this.home = home;
    this.state = state;
  }

  @Override
  protected void before() throws Throwable {
    deleteTree(state);
    script("start");
  }

  @Override
  protected void after() {
    try {
      script("stop");
    } catch (Exception e) {
      throw new AssertionError("could not stop the Flink cluster", e);
    }
  }

  /** host:port of the REST API, as {@code --flinkMaster} takes it. */
  public String master() {
    return "127.0.0.1:" + restPort;
  }

  /** {@code ./beamline cluster flink <action>} with this cluster's ports and state folder. */
  public String script(String action) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(home.resolve("scripts/cluster.sh").toString(), "flink",
        action).redirectErrorStream(true);
    pb.environment().putAll(env);
    pb.environment().put("BEAMLINE_STATE_DIR", state.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    // A guard against a hung script, not a timing assertion.
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("cluster flink " + action + " hung:\n" + out);
    }
    assertEquals("cluster flink " + action + ":\n" + out, 0, p.exitValue());
    return out;
  }

  /** The TaskManager process the script started (its pid file), checked to be ours. */
  public ProcessHandle taskManager() throws IOException {
    long pid = Long.parseLong(Files.readString(state.resolve("flink/taskmanager.pid")).strip());
    ProcessHandle tm = ProcessHandle.of(pid)
        .orElseThrow(() -> new AssertionError("no TaskManager process " + pid));
    String cmd = tm.info().commandLine().orElse("");
    assertTrue("pid " + pid + " is not our TaskManager: " + cmd,
        cmd.contains("TaskManagerRunner") && cmd.contains(state.toString()));
    return tm;
  }

  /** GET on the REST API, e.g. {@code /jobs/overview}. */
  public JsonNode get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(path + ": " + r.body(), 200, r.statusCode());
    return JSON.readTree(r.body());
  }

  /** Cancels a job ({@code PATCH /jobs/<id>?mode=cancel}) and waits until it is CANCELED. */
  public void cancel(String jobId) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertEquals("cancel " + jobId + ": " + r.body(), 202, r.statusCode());
    await("job " + jobId + " CANCELED", () -> get("/jobs/" + jobId),
        j -> j.get("state").asText().equals("CANCELED"));
  }

  /** Polls {@code probe} until {@code done} holds for its answer; returns that answer. */
  public static <T> T await(String what, Probe<T> probe, Predicate<T> done) throws Exception {
    long deadline = System.nanoTime() + KafkaBroker.GUARD.toNanos();
    T last = null;
    while (System.nanoTime() < deadline) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("gave up waiting for " + what + " after " + KafkaBroker.GUARD
        + "; last seen: " + last);
  }

  /** One poll of some state. */
  @FunctionalInterface
  public interface Probe<T> {
    T get() throws Exception;
  }

  private URI uri(String path) {
    return URI.create("http://" + master() + path);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** A free loopback port, picked at start. */
  private static final class FreePort {
    static int pick() {
      try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
          java.net.InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }
}
