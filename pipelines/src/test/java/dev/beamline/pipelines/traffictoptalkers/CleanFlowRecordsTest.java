package dev.beamline.pipelines.traffictoptalkers;

import static dev.beamline.transforms.testing.PipelineCounters.counter;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import dev.beamline.transforms.parse.InvalidRecordException;
import dev.beamline.transforms.testing.RunnerLimits;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.experimental.categories.Category;

/**
 * The flow-record input contract, one kind of good or bad line per test, with the exact reason;
 * then the transform in a pipeline: typed records stamped with their event time, dead letters with
 * file and line, and counters that add up to the lines in.
 */
public class CleanFlowRecordsTest {
  private static final String SRC = "/data/flows/2026-11-01.jsonl";
  private static final long T = Instant.parse("2026-11-01T00:00:01.250Z").getMillis();
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(CleanFlowRecords.RULES);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** A valid line with one field replaced by {@code field} (raw JSON after the colon). */
  private static String line(String field, String json) {
    StringBuilder b = new StringBuilder("{");
    String[][] fields = {{"srcIp", "\"10.0.0.7\""}, {"dstIp", "\"10.1.0.1\""},
        {"dstPort", "443"}, {"protocol", "\"TCP\""}, {"bytes", "1200"}, {"packets", "3"},
        {"ts", "\"2026-11-01T00:00:01.250Z\""}};
    for (String[] f : fields) {
      if (f[0].equals(field)) {
        if (json == null) {
          continue;
        }
        f = new String[] {field, json};
      }
      b.append(b.length() > 1 ? "," : "").append('"').append(f[0]).append("\":").append(f[1]);
    }
    return b.append('}').toString();
  }

  private static FlowRecord clean(String line) throws InvalidRecordException {
    return new CleanFlowRecords.ToFlowRecord().apply(CLEANER.clean(line));
  }

  private static String reason(String line) {
    return assertThrows(InvalidRecordException.class, () -> CLEANER.clean(line)).getMessage();
  }

  @Test
  public void readsAValidRecord() throws Exception {
    assertEquals(new FlowRecord("10.0.0.7", "10.1.0.1", 443, "TCP", 1200, 3, T),
        clean(line("none", null)));
  }

  @Test
  public void ipv6AddressesAreCanonicalSoOneHostIsOneKey() throws Exception {
    FlowRecord f = clean(line("srcIp", "\"2001:0DB8:0000:0001:0000:0000:0000:000A\""));
    assertEquals("2001:db8:0:1::a", f.srcIp());
    assertEquals("::ffff:192.0.2.1", clean(line("dstIp", "\"::ffff:c000:201\"")).dstIp());
  }

  @Test
  public void timestampsInEpochMillisOrWithAnOffsetAreTheSameInstant() throws Exception {
    assertEquals(T, clean(line("ts", Long.toString(T))).timestampMillis());
    assertEquals(T, clean(line("ts", "\"2026-11-01T01:00:01.250+01:00\"")).timestampMillis());
  }

  @Test
  public void extraFieldsAreIgnoredAndBoundsAreInclusive() throws Exception {
    FlowRecord f = clean("{\"exporter\":\"r1\",\"srcIp\":\"0.0.0.0\",\"dstIp\":\"::\","
        + "\"dstPort\":65535,\"protocol\":\"ICMPv6\",\"bytes\":9007199254740991,\"packets\":0,"
        + "\"ts\":0,\"tcpFlags\":[\"S\",\"A\"]}");
    assertEquals(new FlowRecord("0.0.0.0", "::", 65535, "ICMPv6", 9007199254740991L, 0, 0), f);
  }

  @Test
  public void badIpv4Address() {
    assertEquals("field 'srcIp' is not an IPv4 or IPv6 address: \"10.0.0.256\" (IPv4 octet 256 "
        + "is above 255) (rule: convert to IP address)", reason(line("srcIp", "\"10.0.0.256\"")));
  }

  @Test
  public void hostNamesAreNotAddresses() {
    assertEquals("field 'dstIp' is not an IPv4 or IPv6 address: \"gateway.local\" (IPv4 needs 4 "
        + "dot-separated octets, found 2) (rule: convert to IP address)",
        reason(line("dstIp", "\"gateway.local\"")));
  }

  @Test
  public void ipv6WithAZoneIndex() {
    assertEquals("field 'srcIp' is not an IPv4 or IPv6 address: \"fe80::1%eth0\" (zone index "
        + "'%eth0' is not part of a host address) (rule: convert to IP address)",
        reason(line("srcIp", "\"fe80::1%eth0\"")));
  }

  @Test
  public void portOutOfRange() {
    assertEquals("field 'dstPort' is 70000, above the maximum 65535 (rule: range)",
        reason(line("dstPort", "70000")));
    assertEquals("field 'dstPort' is -1, below the minimum 0 (rule: range)",
        reason(line("dstPort", "-1")));
  }

  @Test
  public void unknownOrMisspelledProtocol() {
    assertEquals("field 'protocol' is \"QUIC\", not one of \"TCP\", \"UDP\", \"ICMP\", \"ICMPv6\", "
        + "\"GRE\", \"ESP\", \"AH\", \"SCTP\" (rule: allowed values)",
        reason(line("protocol", "\"QUIC\"")));
    assertEquals("field 'protocol' is \"tcp\", not one of \"TCP\", \"UDP\", \"ICMP\", \"ICMPv6\", "
        + "\"GRE\", \"ESP\", \"AH\", \"SCTP\" (rule: allowed values)",
        reason(line("protocol", "\"tcp\"")));
  }

  @Test
  public void negativeOrHugeCounts() {
    assertEquals("field 'bytes' is -5, below the minimum 0 (rule: range)",
        reason(line("bytes", "-5")));
    assertEquals("field 'packets' is 9007199254740992, above the maximum 9007199254740991 "
        + "(rule: range)", reason(line("packets", "9007199254740992")));
  }

  @Test
  public void countsMustBeJsonIntegers() {
    assertEquals("field 'bytes' must be an integer, got a number with a fraction or exponent",
        reason(line("bytes", "1200.5")));
    assertEquals("field 'packets' must be an integer, got a string", reason(line("packets", "\"3\"")));
  }

  @Test
  public void missingFieldsAndNulls() {
    assertEquals("field 'ts' is missing (rule: required)", reason(line("ts", null)));
    assertEquals("field 'dstIp' is missing (rule: required)", reason(line("dstIp", "null")));
  }

  @Test
  public void badTimestamp() {
    assertEquals("field 'ts' is not a timestamp in any accepted format (ISO-8601 or epoch "
        + "milliseconds): \"yesterday\" (rule: convert to timestamp (ISO-8601 or epoch "
        + "milliseconds))", reason(line("ts", "\"yesterday\"")));
  }

  @Test
  public void malformedJsonDuplicateKeysAndEmptyLines() {
    assertEquals("malformed JSON at column 20: Unexpected end-of-input: expected close marker for "
        + "Object", reason("{\"srcIp\":\"10.0.0.7\""));
    assertEquals("duplicate key: Duplicate field 'srcIp'",
        reason("{\"srcIp\":\"10.0.0.7\",\"srcIp\":\"10.0.0.8\"}"));
    assertEquals("empty line", reason(""));
  }

  // NotOnSparkStreaming: CleanJsonLines refuses bounded input on the SparkRunner in streaming mode: multi-output ParDos over bounded input fail there with a NullPointerException in EvaluationContext.isLeaf (Beam 2.70 Spark runner, since apache/beam#33772)
  @Test
  @Category(RunnerLimits.NotOnSparkStreaming.class)
  public void inAPipelineRecordsCarryTheirEventTimeAndBadLinesTheirFileAndLine() {
    String good = line("none", null);
    String badPort = line("dstPort", "70000");
    String notJson = "flow 10.0.0.7 -> 10.1.0.1";
    List<SourcedLine> in = new ArrayList<>();
    in.add(SourcedLine.of(SRC, 1, good));
    in.add(SourcedLine.of(SRC, 2, badPort));
    in.add(SourcedLine.of(SRC, 3, notJson));

    WithFailures.Result<PCollection<FlowRecord>, DeadLetter> result =
        p.apply(Create.of(in)).apply(CleanFlowRecords.create());

    PAssert.that(result.output().apply(Reify.timestamps())).containsInAnyOrder(
        TimestampedValue.of(new FlowRecord("10.0.0.7", "10.1.0.1", 443, "TCP", 1200, 3, T),
            new Instant(T)));
    PAssert.that(result.failures()).containsInAnyOrder(
        new DeadLetter("clean", "field 'dstPort' is 70000, above the maximum 65535 (rule: range)",
            SRC, 2, badPort),
        new DeadLetter("parse", "malformed JSON at column 5: Unrecognized token 'flow': was "
            + "expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            SRC, 3, notJson));
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, "beamline", "records_cleaned"));
    assertEquals(2, counter(run, "beamline", "records_dead_lettered"));
  }

  @Test
  public void rowsBecomeRecordsFieldByField() {
    Row row = Row.withSchema(CleanFlowRecords.SCHEMA).addValues("10.0.0.7", "::1", 53, "UDP", 80L,
        1L, new Instant(T)).build();
    assertEquals(new FlowRecord("10.0.0.7", "::1", 53, "UDP", 80, 1, T),
        new CleanFlowRecords.ToFlowRecord().apply(row));
  }
}
