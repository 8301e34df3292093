package dev.beamline.launcher;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Before submitting to a cluster, checks that it answers, so that a stopped cluster gives one clear
 * line instead of a runner that retries for minutes. Embedded masters ({@code [local]},
 * {@code local[N]}) need no check.
 */
final class ClusterReachability {
  private static final int TIMEOUT_MS = 3000;

  private ClusterReachability() {}

  static void check(PipelineOptions options) {
    String runner = options.getRunner().getSimpleName();
    if (runner.contains("Flink")) {
      String master = options.as(FlinkPipelineOptions.class).getFlinkMaster();
      if (master != null && !master.startsWith("[")) {
        String url = "http://" + master + "/overview";
        if (!httpOk(url)) {
          throw new UsageException("no Flink cluster answers at " + master + " (" + url + "): start "
              + "the local one with './beamline cluster flink start', or pass --flinkMaster=<host:port> "
              + "of a running cluster");
        }
      }
    } else if (runner.contains("Spark")) {
      String master = options.as(SparkPipelineOptions.class).getSparkMaster();
      if (master != null && master.startsWith("spark://")) {
        URI uri = URI.create(master);
        if (!tcpOpen(uri.getHost(), uri.getPort())) {
          throw new UsageException("no Spark master answers at " + master + ": start the local one "
              + "with './beamline cluster spark start', or pass --sparkMaster=spark://<host:port> of a "
              + "running cluster");
        }
        // Executors call the driver back; on a loopback-only cluster that must be 127.0.0.1, not
        // whatever this host's name resolves to.
        boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
        if (loopback && System.getProperty("spark.driver.host") == null) {
          System.setProperty("spark.driver.host", "127.0.0.1");
        }
      }
    }
  }

  private static boolean httpOk(String url) {
    try {
      HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
      c.setConnectTimeout(TIMEOUT_MS);
      c.setReadTimeout(TIMEOUT_MS);
      try {
        return c.getResponseCode() == 200;
      } finally {
        c.disconnect();
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  private static boolean tcpOpen(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
