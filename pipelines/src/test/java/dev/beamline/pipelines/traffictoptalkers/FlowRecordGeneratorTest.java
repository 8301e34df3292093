package dev.beamline.pipelines.traffictoptalkers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import dev.beamline.pipelines.SampleGenerator.Settings;
import dev.beamline.transforms.clean.JsonLineCleaner;
import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.IOException;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/**
 * The generator is deterministic, bounds its disorder, writes lines the contract accepts (bad ones
 * only where asked, every kind of them), and produces the scanners and canonical-form cases the
 * pipeline's outputs rely on.
 */
public class FlowRecordGeneratorTest {
  private static final JsonLineCleaner CLEANER = JsonLineCleaner.of(CleanFlowRecords.RULES);

  private static String generate(Settings s) throws IOException {
    StringWriter w = new StringWriter();
    new FlowRecordGenerator().generate(s, w);
    return w.toString();
  }

  @Test
  public void sameSettingsGiveTheSameBytesAndAnotherSeedDoesNot() throws IOException {
    Settings s = new Settings(3_000, 42, 50, 10_000, 0.01);
    assertEquals(generate(s), generate(s));
    assertNotEquals(generate(s), generate(new Settings(3_000, 43, 50, 10_000, 0.01)));
  }

  @Test
  public void everyLineIsAValidFlowAndDisorderStaysWithinTheBound() throws Exception {
    String[] lines = generate(new Settings(6_000, 7, 40, 30_000, 0.0)).split("\n");
    assertEquals(6_000, lines.length);
    long maxSeen = Long.MIN_VALUE;
    long worstLag = 0;
    Set<String> sources = new HashSet<>();
    Map<String, Integer> burstPortsPerCycle = new HashMap<>();
    Set<String> protocols = new HashSet<>();
    int longFormIpv6 = 0;
    for (String line : lines) {
      FlowRecord f = new CleanFlowRecords.ToFlowRecord().apply(CLEANER.clean(line));
      sources.add(f.srcIp());
      protocols.add(f.protocol());
      longFormIpv6 += line.contains("2001:0DB8") ? 1 : 0;
      maxSeen = Math.max(maxSeen, f.timestampMillis());
      worstLag = Math.max(worstLag, maxSeen - f.timestampMillis());
      if (f.srcIp().equals(FlowRecordGenerator.BURST_SCANNER)) {
        long cycle = (f.timestampMillis() - FlowRecordGenerator.START_MILLIS) / 900_000;
        burstPortsPerCycle.merge("cycle " + cycle, 1, Integer::sum);
      }
    }
    assertTrue("lag " + worstLag, worstLag <= 30_000 && worstLag > 25_000);
    assertTrue(sources.contains(FlowRecordGenerator.SLOW_SCANNER));
    assertTrue(sources.contains("2001:db8:0:1::a"));
    assertTrue("long forms " + longFormIpv6, longFormIpv6 > 0);
    assertTrue(protocols.containsAll(Set.of("TCP", "UDP", "ICMP", "ICMPv6", "GRE", "ESP", "SCTP")));
    // 6,000 flows are 50 minutes: four 15-minute cycles, each with one burst of ~144 probes.
    assertEquals(burstPortsPerCycle.toString(), 4, burstPortsPerCycle.size());
    for (int probes : burstPortsPerCycle.values()) {
      assertTrue(burstPortsPerCycle.toString(), probes > 100 && probes < 190);
    }
  }

  @Test
  public void badLinesCycleThroughEveryKindOfMistake() throws IOException {
    Set<String> kinds = new HashSet<>();
    int bad = 0;
    for (String line : generate(new Settings(5_000, 3, 10, 0, 0.02)).split("\n", -1)) {
      if (line.isEmpty() && bad > 0 && kinds.contains("empty line")) {
        continue; // the empty string after the final newline
      }
      try {
        CLEANER.clean(line);
      } catch (InvalidRecordException e) {
        bad++;
        kinds.add(e.getMessage());
      }
    }
    assertTrue("bad " + bad, bad > 70 && bad < 130);
    assertEquals(kinds.toString(), 14, kinds.size());
  }
}
