package dev.beamline.kafka;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code stop} signals only the broker that {@code start} started. A state file whose pid now
 * belongs to another process (here: this test's JVM, which must survive) is treated as stale.
 */
public class LocalBrokerTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private LocalBroker broker(Path home) {
    return new LocalBroker(home, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private static void writeState(Path home, String content) throws Exception {
    Path dir = home.resolve(".beamline/kafka");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("state.properties"), content);
  }

  @Test
  public void stopWithoutStateSaysNotRunning() throws Exception {
    Path home = tmp.newFolder().toPath();
    assertFalse(broker(home).stop());
    assertEquals("Kafka is not running\n", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  public void stopLeavesAProcessThatIsNotOurBrokerAlone() throws Exception {
    Path home = tmp.newFolder().toPath();
    long self = ProcessHandle.current().pid();
    String started = ProcessHandle.current().info().startInstant().map(Object::toString).orElse("");
    writeState(home, "port=19092\npid=" + self + "\nstarted=" + started.replace(":", "\\:") + "\n");
    assertFalse(broker(home).stop());
    assertTrue(ProcessHandle.current().isAlive());
    assertEquals("Kafka is not running (stale state cleared)\n", out.toString(StandardCharsets.UTF_8));
    String state = Files.readString(home.resolve(".beamline/kafka/state.properties"));
    assertFalse(state, state.contains("pid="));
    assertTrue("the port is kept for the next start", state.contains("port=19092"));
  }

  @Test
  public void deleteDataRemovesOnlyTheDataFolder() throws Exception {
    Path home = tmp.newFolder().toPath();
    writeState(home, "port=19092\n");
    Path topic = home.resolve(".beamline/kafka/data/logs/sensor-events-0");
    Files.createDirectories(topic);
    Files.writeString(topic.resolve("00000000000000000000.log"), "x");
    broker(home).deleteData();
    assertFalse(Files.exists(home.resolve(".beamline/kafka/data")));
    assertTrue(Files.exists(home.resolve(".beamline/kafka/state.properties")));
  }

  @Test
  public void statusOfAStoppedBrokerIsNotRunning() throws Exception {
    Path home = tmp.newFolder().toPath();
    writeState(home, "port=19092\npid=999999999\n");
    assertFalse(broker(home).status());
    assertEquals("Kafka is not running (start it with: ./beamline kafka start)\n",
        out.toString(StandardCharsets.UTF_8));
  }
}
