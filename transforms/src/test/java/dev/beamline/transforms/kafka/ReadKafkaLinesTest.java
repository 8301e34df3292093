package dev.beamline.transforms.kafka;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.io.SourcedLineCoder;
import dev.beamline.transforms.json.JsonEventTime;
import dev.beamline.transforms.testing.PipelineCounters;
import dev.beamline.transforms.testing.RunnerLimits;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * Kafka records to lines: where a line came from, bad bytes and missing values kept for the dead
 * letters, lines counted. The read itself needs a broker: see the integration tests.
 */
public class ReadKafkaLinesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static KafkaRecord<byte[], byte[]> record(int partition, long offset, byte[] value) {
    return new KafkaRecord<>("sensor-events", partition, offset, 0L,
        KafkaTimestampType.CREATE_TIME, null, null, value);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void lineCarriesTopicPartitionAndOffset() {
    SourcedLine line = ReadKafkaLines.toLine(record(2, 41, utf8("{\"sensorId\":\"传感器\"}")));
    assertEquals(new SourcedLine("kafka:sensor-events/2", 41, "{\"sensorId\":\"传感器\"}", false),
        line);
  }

  @Test
  public void valueThatIsNotUtf8IsKeptAndMarkedMalformed() {
    SourcedLine line = ReadKafkaLines.toLine(record(0, 3, new byte[] {'a', (byte) 0xFF, 'b'}));
    assertTrue(line.malformedEncoding());
    assertEquals("a\uFFFDb", line.text());
    assertEquals(3, line.lineNumber());
  }

  @Test
  public void recordWithoutValueBecomesAnEmptyLine() {
    SourcedLine line = ReadKafkaLines.toLine(record(1, 0, null));
    assertEquals("", line.text());
    assertFalse(line.malformedEncoding());
  }

  // NotOnSparkStreaming (untestable): a pipeline whose inputs are all bounded does not run on the SparkRunner in streaming mode ("No output operations registered, so nothing to execute"): Spark streaming needs an unbounded source
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void everyRecordIsCountedAsALineRead() {
    PCollection<SourcedLine> lines = p
        .apply(Create.of(record(0, 0, utf8("a")), record(0, 1, null), record(1, 0, utf8("c")))
            .withCoder(KafkaRecordCoder.of(NullableCoder.of(ByteArrayCoder.of()),
                NullableCoder.of(ByteArrayCoder.of()))))
        .apply(ParDo.of(new ReadKafkaLines.ToSourcedLineFn("beamline")))
        .setCoder(SourcedLineCoder.of());
    PAssert.that(lines).containsInAnyOrder(
        SourcedLine.of("kafka:sensor-events/0", 0, "a"),
        SourcedLine.of("kafka:sensor-events/0", 1, ""),
        SourcedLine.of("kafka:sensor-events/1", 0, "c"));
    PipelineResult result = p.run();
    assertEquals(3, PipelineCounters.counter(result, "beamline", "lines_read"));
  }

  @Test
  public void boundsAndSettingsAreChecked() {
    ReadKafkaLines read = ReadKafkaLines.from("127.0.0.1:9092", "t", JsonEventTime.field("ts"));
    assertFalse(read.isBounded());
    assertTrue(read.withMaxRecords(10).isBounded());
    assertTrue(read.withMaxReadTime(Duration.standardSeconds(5)).isBounded());
    assertEquals("maxRecords must be positive, was 0",
        assertThrows(IllegalArgumentException.class, () -> read.withMaxRecords(0)).getMessage());
    assertEquals("maxReadTime must be positive, was PT0S", assertThrows(
        IllegalArgumentException.class, () -> read.withMaxReadTime(Duration.ZERO)).getMessage());
    assertEquals("topic must not be empty", assertThrows(IllegalArgumentException.class,
        () -> ReadKafkaLines.from("h:1", " ", JsonEventTime.field("ts"))).getMessage());
  }
}
