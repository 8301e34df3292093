package dev.beamline.clusters;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamline.testing.BundleRun;
import dev.beamline.testing.SensorStatsOutput;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Real clusters, started by the project's own script: a Flink 1.19 session cluster (JobManager and
 * TaskManager processes) and a Spark 3.5 standalone master and worker, each on ports other than the
 * defaults so a user's running cluster is not disturbed. sensor-stats is submitted with the
 * {@code flink-cluster} and {@code spark-cluster} profiles, the master address overridden exactly
 * as a user points them at their own cluster; the cluster must report the job finished and the
 * results must equal the DirectRunner's. With the cluster stopped, a submission must fail at once
 * with one clear line.
 */
public class LocalClustersIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Map<String, String> PORTS = Map.of(
      "BEAMLINE_FLINK_REST_PORT", "18081",
      "BEAMLINE_FLINK_RPC_PORT", "16123",
      "BEAMLINE_SPARK_MASTER_PORT", "17077",
      "BEAMLINE_SPARK_MASTER_UI_PORT", "18080",
      "BEAMLINE_SPARK_WORKER_UI_PORT", "18082");

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static SensorStatsOutput direct;

  @BeforeClass
  public static void runOnDirectForReference() throws Exception {
    direct = runSensorStats("direct");
  }

  private static SensorStatsOutput runSensorStats(String name, String... flags) throws Exception {
    File dir = TMP.newFolder(name);
    List<String> args = new ArrayList<>(List.of("run", "sensor-stats",
        "--input=" + BundleRun.home() + "/testdata/sensor-stats/sample.jsonl",
        "--output=" + dir + "/results", "--deadLetters=" + dir + "/dead-letters",
        "--lateData=" + dir + "/late-data"));
    args.addAll(List.of(flags));
    BundleRun run = BundleRun.launch(dir, args.toArray(new String[0]));
    assertEquals(name + ": " + run, 0, run.exitCode);
    assertThat(run.stdout, containsString("state                  DONE"));
    return SensorStatsOutput.read(dir.toPath().resolve("results"), dir.toPath().resolve("dead-letters"));
  }

  /** {@code ./beamline cluster <engine> <action>} with this test's ports and state folder. */
  private static String cluster(String engine, String action) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(BundleRun.home() + "/scripts/cluster.sh", engine, action)
        .redirectErrorStream(true);
    pb.environment().putAll(PORTS);
    pb.environment().put("BEAMLINE_STATE_DIR", TMP.getRoot() + "/state");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("cluster " + engine + " " + action + " hung:\n" + out);
    }
    assertEquals("cluster " + engine + " " + action + ":\n" + out, 0, p.exitValue());
    return out;
  }

  private static JsonNode getJson(String url) throws IOException, InterruptedException {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(url, 200, r.statusCode());
    return JSON.readTree(r.body());
  }

  @Test
  public void flinkClusterRunsSensorStatsLikeDirect() throws Exception {
    cluster("flink", "start");
    try {
      SensorStatsOutput onCluster = runSensorStats("flink-cluster", "--profile=flink-cluster",
          "--flinkMaster=127.0.0.1:18081");
      JsonNode jobs = getJson("http://127.0.0.1:18081/jobs/overview").get("jobs");
      assertEquals(jobs.toString(), 1, jobs.size());
      assertEquals("FINISHED", jobs.get(0).get("state").asText());
      assertThat(jobs.get(0).get("name").asText(), containsString("beamline"));
      onCluster.assertSameFinalResultsAs(direct, "flink-cluster");
    } finally {
      cluster("flink", "stop");
    }
    BundleRun refused = BundleRun.launch(TMP.newFolder("flink-stopped"), "run", "sensor-stats",
        "--profile=flink-cluster", "--flinkMaster=127.0.0.1:18081");
    assertEquals(refused.toString(), 2, refused.exitCode);
    assertEquals("beamline: no Flink cluster answers at 127.0.0.1:18081 "
        + "(http://127.0.0.1:18081/overview): start the local one with './beamline cluster flink "
        + "start', or pass --flinkMaster=<host:port> of a running cluster\n", refused.stderr);
  }

  @Test
  public void sparkClusterRunsSensorStatsLikeDirect() throws Exception {
    cluster("spark", "start");
    try {
      SensorStatsOutput onCluster = runSensorStats("spark-cluster", "--profile=spark-cluster",
          "--sparkMaster=spark://127.0.0.1:17077");
      JsonNode master = getJson("http://127.0.0.1:18080/json/");
      JsonNode apps = master.get("completedapps");
      assertEquals(master.toString(), 1, apps.size());
      assertEquals("FINISHED", apps.get(0).get("state").asText());
      assertEquals("beamline-sensor-stats", apps.get(0).get("name").asText());
      onCluster.assertSameFinalResultsAs(direct, "spark-cluster");
    } finally {
      cluster("spark", "stop");
    }
    BundleRun refused = BundleRun.launch(TMP.newFolder("spark-stopped"), "run", "sensor-stats",
        "--profile=spark-cluster", "--sparkMaster=spark://127.0.0.1:17077");
    assertEquals(refused.toString(), 2, refused.exitCode);
    assertEquals("beamline: no Spark master answers at spark://127.0.0.1:17077: start the local "
        + "one with './beamline cluster spark start', or pass --sparkMaster=spark://<host:port> of a "
        + "running cluster\n", refused.stderr);
    // stop removed what start wrote: no pid file is left to point at a recycled process.
    assertEquals(0, new File(TMP.getRoot(), "state/spark").list((d, n) -> n.endsWith(".pid")).length);
  }
}
