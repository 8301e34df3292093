package dev.beamline.pipelines.traffictoptalkers;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.joda.time.Instant;

/**
 * One network flow record: who talked to whom (addresses in canonical form, see {@link
 * IpAddresses}), on which destination port and protocol, how much, and when (event time).
 */
@DefaultCoder(FlowRecordCoder.class)
public final class FlowRecord {
  private final String srcIp;
  private final String dstIp;
  private final int dstPort;
  private final String protocol;
  private final long bytes;
  private final long packets;
  private final long timestampMillis;

  public FlowRecord(String srcIp, String dstIp, int dstPort, String protocol, long bytes,
      long packets, long timestampMillis) {
    this.srcIp = Objects.requireNonNull(srcIp, "srcIp");
    this.dstIp = Objects.requireNonNull(dstIp, "dstIp");
    this.dstPort = dstPort;
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.bytes = bytes;
    this.packets = packets;
    this.timestampMillis = timestampMillis;
  }

  public String srcIp() {
    return srcIp;
  }

  public String dstIp() {
    return dstIp;
  }

  public int dstPort() {
    return dstPort;
  }

  public String protocol() {
    return protocol;
  }

  public long bytes() {
    return bytes;
  }

  public long packets() {
    return packets;
  }

  public long timestampMillis() {
    return timestampMillis;
  }

  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof FlowRecord)) {
      return false;
    }
    FlowRecord that = (FlowRecord) o;
    return dstPort == that.dstPort && bytes == that.bytes && packets == that.packets
        && timestampMillis == that.timestampMillis && srcIp.equals(that.srcIp)
        && dstIp.equals(that.dstIp) && protocol.equals(that.protocol);
  }

  @Override
  public int hashCode() {
    return Objects.hash(srcIp, dstIp, dstPort, protocol, bytes, packets, timestampMillis);
  }

  @Override
  public String toString() {
    return protocol + " " + srcIp + " -> " + dstIp + ":" + dstPort + " " + bytes + "B/" + packets
        + "p @" + timestamp();
  }
}
