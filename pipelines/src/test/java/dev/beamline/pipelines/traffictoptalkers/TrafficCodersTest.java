package dev.beamline.pipelines.traffictoptalkers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.pipelines.ResultPane;
import java.util.List;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.transforms.windowing.PaneInfo.Timing;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.Test;

/** Every traffic coder round-trips, is deterministic, and stays small. */
public class TrafficCodersTest {
  private static final ResultPane LATE = new ResultPane(Timing.LATE, 3, false);

  @Test
  public void flowRecords() throws Exception {
    FlowRecord f = new FlowRecord("2001:db8::a", "10.1.0.1", 65535, "ICMPv6",
        CleanFlowRecords.MAX_COUNT, 0, 1762004700250L);
    CoderProperties.coderDecodeEncodeEqual(FlowRecordCoder.of(), f);
    CoderProperties.coderDeterministic(FlowRecordCoder.of(), f, f);
    FlowRecord small = new FlowRecord("10.0.0.7", "10.1.0.1", 443, "TCP", 1200, 3, 1762004700250L);
    assertEquals(33, CoderUtils.encodeToByteArray(FlowRecordCoder.of(), small).length);
  }

  @Test
  public void portSetsWriteGapsAndRefuseImpossiblePorts() throws Exception {
    PortSet s = PortSet.of(0, 22, 443, 443, 65535);
    CoderProperties.coderDecodeEncodeEqual(PortSetCoder.of(), s);
    CoderProperties.coderDecodeEncodeEqual(PortSetCoder.of(), PortSet.empty());
    assertEquals(4, s.distinctPorts());
    assertEquals(5, s.flows());
    assertEquals(0, s.lowestPort());
    assertEquals(65535, s.highestPort());
    // flows, count, then one gap per port: 1 + 1 + 1 + 1 + 2 + 3 bytes.
    assertEquals(9, CoderUtils.encodeToByteArray(PortSetCoder.of(), s).length);
    // A scanner walking 1..1000 costs about a byte per port, not 8 KiB.
    int[] walk = new int[1000];
    for (int i = 0; i < walk.length; i++) {
      walk[i] = i + 1;
    }
    assertEquals(1004, CoderUtils.encodeToByteArray(PortSetCoder.of(), PortSet.of(walk)).length);
    assertThrows(CoderException.class, () -> CoderUtils.decodeFromByteArray(PortSetCoder.of(),
        new byte[] {1, 2, 5, 0}));
  }

  @Test
  public void trafficTotals() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(TrafficTotalsCoder.of(), new TrafficTotals(1L << 60, 7, 2));
  }

  @Test
  public void results() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(TopTalkersWindowCoder.of(), new TopTalkersWindow(0,
        60_000, List.of(KV.of("10.0.0.1", 300L), KV.of("::1", 200L)), LATE));
    CoderProperties.coderDecodeEncodeEqual(ProtocolWindowTotalsCoder.of(),
        new ProtocolWindowTotals("UDP", 0, 60_000, new TrafficTotals(5, 1, 1), LATE));
    CoderProperties.coderDecodeEncodeEqual(PortScanSuspectCoder.of(),
        new PortScanSuspect("203.0.113.66", 0, 60_000, 140, 141, 1, 140, LATE));
  }

  @Test
  public void resultsAsJson() {
    assertEquals("{\"windowStart\":\"1970-01-01T00:00:00.000Z\",\"windowEnd\":"
        + "\"1970-01-01T00:01:00.000Z\",\"topSources\":[{\"rank\":1,\"srcIp\":\"10.0.0.1\","
        + "\"bytes\":300},{\"rank\":2,\"srcIp\":\"::1\",\"bytes\":200}],"
        + "\"pane\":{\"timing\":\"LATE\",\"index\":3,\"final\":false}}",
        new TopTalkersWindow(0, 60_000, List.of(KV.of("10.0.0.1", 300L), KV.of("::1", 200L)),
            LATE).toJson());
    assertEquals("{\"protocol\":\"UDP\",\"windowStart\":\"1970-01-01T00:00:00.000Z\","
        + "\"windowEnd\":\"1970-01-01T00:01:00.000Z\",\"bytes\":5,\"packets\":1,\"flows\":1,"
        + "\"pane\":{\"timing\":\"LATE\",\"index\":3,\"final\":false}}",
        new ProtocolWindowTotals("UDP", 0, 60_000, new TrafficTotals(5, 1, 1), LATE).toJson());
    assertEquals("{\"srcIp\":\"203.0.113.66\",\"windowStart\":\"1970-01-01T00:00:00.000Z\","
        + "\"windowEnd\":\"1970-01-01T00:01:00.000Z\",\"distinctDstPorts\":140,\"flows\":141,"
        + "\"lowestPort\":1,\"highestPort\":140,"
        + "\"pane\":{\"timing\":\"LATE\",\"index\":3,\"final\":false}}",
        new PortScanSuspect("203.0.113.66", 0, 60_000, 140, 141, 1, 140, LATE).toJson());
  }
}
