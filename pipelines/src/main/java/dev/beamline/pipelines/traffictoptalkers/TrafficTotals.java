package dev.beamline.pipelines.traffictoptalkers;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Bytes, packets and flows added up: the accumulator of {@link ProtocolTotals#TOTALS}. Mutable, as
 * combine accumulators are; sums overflow loudly ({@link Math#addExact}).
 */
@DefaultCoder(TrafficTotalsCoder.class)
public final class TrafficTotals {
  long bytes;
  long packets;
  long flows;

  public TrafficTotals(long bytes, long packets, long flows) {
    this.bytes = bytes;
    this.packets = packets;
    this.flows = flows;
  }

  public static TrafficTotals zero() {
    return new TrafficTotals(0, 0, 0);
  }

  public long bytes() {
    return bytes;
  }

  public long packets() {
    return packets;
  }

  public long flows() {
    return flows;
  }

  TrafficTotals add(FlowRecord f) {
    bytes = Math.addExact(bytes, f.bytes());
    packets = Math.addExact(packets, f.packets());
    flows = Math.addExact(flows, 1);
    return this;
  }

  TrafficTotals add(TrafficTotals other) {
    bytes = Math.addExact(bytes, other.bytes);
    packets = Math.addExact(packets, other.packets);
    flows = Math.addExact(flows, other.flows);
    return this;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TrafficTotals)) {
      return false;
    }
    TrafficTotals that = (TrafficTotals) o;
    return bytes == that.bytes && packets == that.packets && flows == that.flows;
  }

  @Override
  public int hashCode() {
    return Objects.hash(bytes, packets, flows);
  }

  @Override
  public String toString() {
    return bytes + "B/" + packets + "p/" + flows + " flows";
  }
}
