package dev.beamline.transforms.kafka;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** The writer's settings; writing itself needs a broker: see the integration tests. */
public class WriteKafkaLinesTest {
  @Test
  public void atLeastOnceUnlessExactlyOnceIsAsked() {
    WriteKafkaLines write = WriteKafkaLines.to("127.0.0.1:9092", "results");
    assertFalse(write.isExactlyOnce());
    assertTrue(write.withExactlyOnce(2, "job-1-results").isExactlyOnce());
  }

  @Test
  public void exactlyOnceNeedsShardsAndAGroup() {
    WriteKafkaLines write = WriteKafkaLines.to("127.0.0.1:9092", "results");
    assertEquals("exactly-once shards must be >= 1, was 0", assertThrows(
        IllegalArgumentException.class, () -> write.withExactlyOnce(0, "g")).getMessage());
    assertEquals("sinkGroupId must not be empty", assertThrows(
        IllegalArgumentException.class, () -> write.withExactlyOnce(1, "")).getMessage());
  }

  @Test
  public void serversAndTopicAreRequired() {
    assertEquals("bootstrapServers must not be empty", assertThrows(
        IllegalArgumentException.class, () -> WriteKafkaLines.to("", "t")).getMessage());
    assertEquals("topic must not be empty", assertThrows(
        IllegalArgumentException.class, () -> WriteKafkaLines.to("h:1", null)).getMessage());
  }
}
