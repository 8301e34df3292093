package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.pipelines.SampleGenerator;
import java.io.IOException;
import java.io.Writer;
import java.util.SplittableRandom;
import org.joda.time.DateTime;
import org.joda.time.DateTimeZone;
import org.joda.time.Instant;

/**
 * Synthetic flow records in the traffic-top-talkers input format, two per second of event time
 * from 2026-11-01T00:00:00Z. Sources are {@code keys} hosts (every fifth one IPv6, sometimes
 * written in a long upper-case form that canonicalises to the short one) chosen with a heavy skew,
 * so a few hosts send most bytes; destinations are servers on the usual ports, with TCP, UDP,
 * ICMP, GRE, ESP and SCTP in realistic proportions. Two scanners walk the TCP port range: {@code
 * 203.0.113.66} in a burst of about 140 ports in minutes 3–5 of every 15 (a suspect at the default
 * threshold of 100), {@code 198.51.100.200} slowly, about 25 ports per 5 minutes (below it).
 * Timestamps lag the arrival clock by up to {@code maxDisorder} and come in three accepted forms
 * (UTC with millis, epoch milliseconds, an offset). About {@code badLineRate} of the lines are
 * bad, cycling through the kinds of mistakes the contract refuses.
 */
public final class FlowRecordGenerator implements SampleGenerator {
  static final long START_MILLIS = Instant.parse("2026-11-01T00:00:00Z").getMillis();
  static final long MILLIS_PER_EVENT = 500;
  static final String BURST_SCANNER = "203.0.113.66";
  static final String SLOW_SCANNER = "198.51.100.200";
  private static final long CYCLE_EVENTS = 15 * 60 * 1000 / MILLIS_PER_EVENT;
  private static final long BURST_FROM = 3 * 60 * 1000 / MILLIS_PER_EVENT;
  private static final long BURST_TO = 5 * 60 * 1000 / MILLIS_PER_EVENT;
  private static final DateTimeZone PLUS_ONE = DateTimeZone.forOffsetHours(1);

  /** One of each kind of mistake, with the event's time where it has one ({@code %s}). */
  private static final String[] BAD_LINES = {
      "{\"srcIp\":\"10.0.0.256\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":1200,\"packets\":3,\"ts\":\"%s\"}",
      "{\"srcIp\":\"fe80::1%%eth0\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":1200,\"packets\":3,\"ts\":\"%s\"}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":70000,\"protocol\":\"TCP\","
          + "\"bytes\":1200,\"packets\":3,\"ts\":\"%s\"}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":-5,\"packets\":1,\"ts\":\"%s\"}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"QUIC\","
          + "\"bytes\":1200,\"packets\":3,\"ts\":\"%s\"}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"tcp\","
          + "\"bytes\":1200,\"packets\":3,\"ts\":\"%s\"}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":1200,\"packets\":3}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":1200.5,\"packets\":3,\"ts\":\"%s\"}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":1200,\"packets\":3,\"ts\":\"%s\"",
      "",
      "{\"srcIp\":\"10.0.0.7\",\"srcIp\":\"10.0.0.8\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,"
          + "\"protocol\":\"TCP\",\"bytes\":1200,\"packets\":3,\"ts\":\"%s\"}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":1200,\"packets\":3,\"ts\":\"yesterday\"}",
      "{\"srcIp\":\"10.0.0.7\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":1200,\"packets\":\"3\",\"ts\":\"%s\"}",
      "{\"srcIp\":\"gateway.local\",\"dstIp\":\"10.1.0.1\",\"dstPort\":443,\"protocol\":\"TCP\","
          + "\"bytes\":1200,\"packets\":3,\"ts\":\"%s\"}",
  };

  @Override
  public void generate(Settings s, Writer out) throws IOException {
    SplittableRandom random = new SplittableRandom(s.seed);
    int burstPort = 0;
    int slowPort = 999;
    long bad = 0;
    StringBuilder line = new StringBuilder(160);
    for (long i = 0; i < s.events; i++) {
      long arrival = START_MILLIS + i * MILLIS_PER_EVENT;
      long delay = s.maxDisorderMillis == 0 ? 0 : random.nextLong(s.maxDisorderMillis + 1);
      long ts = Math.max(START_MILLIS, arrival - delay);
      if (s.badLineRate > 0 && random.nextDouble() < s.badLineRate) {
        out.write(String.format(BAD_LINES[(int) (bad++ % BAD_LINES.length)], Instant.ofEpochMilli(ts)));
        out.write('\n');
        continue;
      }
      long phase = i % CYCLE_EVENTS;
      line.setLength(0);
      if (phase >= BURST_FROM && phase < BURST_TO && random.nextDouble() < 0.6) {
        burstPort = burstPort % 65535 + 1;
        flow(line, BURST_SCANNER, "10.1.0.7", burstPort, "TCP", 60, 1);
      } else if (random.nextDouble() < 0.04) {
        slowPort = slowPort % 65535 + 1;
        flow(line, SLOW_SCANNER, "10.1.0.9", slowPort, "TCP", 64, 1);
      } else {
        regularFlow(line, random, s.keys);
      }
      line.append(",\"ts\":");
      timestamp(line, random, ts);
      line.append("}\n");
      out.append(line);
    }
  }

  private static void regularFlow(StringBuilder line, SplittableRandom random, int keys) {
    int host = (int) (keys * Math.pow(random.nextDouble(), 3));
    boolean v6 = host % 5 == 4;
    String src = v6 ? ipv6Host(host, random.nextDouble() < 0.3) : ipv4Host(host);
    String dst = v6 ? "2001:db8:ffff::" + (1 + random.nextInt(5))
        : "10.1.0." + (1 + random.nextInt(20));
    double p = random.nextDouble();
    String protocol;
    int port;
    if (p < 0.70) {
      protocol = "TCP";
      double q = random.nextDouble();
      port = q < 0.5 ? 443 : q < 0.7 ? 80 : q < 0.8 ? 22 : q < 0.9 ? 5432 : 8080;
    } else if (p < 0.93) {
      protocol = "UDP";
      double q = random.nextDouble();
      port = q < 0.6 ? 53 : q < 0.8 ? 123 : 443;
    } else if (p < 0.96) {
      protocol = v6 ? "ICMPv6" : "ICMP";
      port = v6 ? 128 * 256 : 8 * 256; // echo request, type * 256 + code as NetFlow writes it
    } else if (p < 0.98) {
      protocol = "GRE";
      port = 0;
    } else if (p < 0.99) {
      protocol = "ESP";
      port = 0;
    } else {
      protocol = "SCTP";
      port = 3868;
    }
    // Log-uniform sizes from 60 B to 2 MB: many small flows, a few large ones.
    long bytes = Math.round(Math.exp(Math.log(60) + random.nextDouble() * Math.log(2e6 / 60)));
    long packets = Math.max(1, Math.round(bytes / (400 + 1000 * random.nextDouble())));
    flow(line, src, dst, port, protocol, bytes, packets);
  }

  static String ipv4Host(int host) {
    return "10." + (host / 62500 % 256) + "." + (host / 250 % 250) + "." + (host % 250 + 1);
  }

  /** The host's address, canonical or in the long upper-case form of the same address. */
  static String ipv6Host(int host, boolean longForm) {
    String last = Integer.toHexString(host + 1);
    return longForm ? "2001:0DB8:0000:0001:0000:0000:0000:" + last.toUpperCase(java.util.Locale.ROOT)
        : "2001:db8:0:1::" + last;
  }

  private static void flow(StringBuilder line, String src, String dst, int port, String protocol,
      long bytes, long packets) {
    line.append("{\"srcIp\":\"").append(src).append("\",\"dstIp\":\"").append(dst)
        .append("\",\"dstPort\":").append(port).append(",\"protocol\":\"").append(protocol)
        .append("\",\"bytes\":").append(bytes).append(",\"packets\":").append(packets);
  }

  /** Mostly UTC with millis; some epoch milliseconds and some with a +01:00 offset. */
  private static void timestamp(StringBuilder line, SplittableRandom random, long ts) {
    double f = random.nextDouble();
    if (f < 0.05) {
      line.append(ts);
    } else if (f < 0.08) {
      line.append('"').append(new DateTime(ts, PLUS_ONE)).append('"');
    } else {
      line.append('"').append(Instant.ofEpochMilli(ts)).append('"');
    }
  }
}
