package dev.beamline.pipelines.traffictoptalkers;

import java.util.BitSet;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * The distinct destination ports one source contacted, and in how many flows: the accumulator of
 * {@link PortScanSuspects#DISTINCT_PORTS}. Exact in bounded memory: ports are 16-bit, so the set
 * is a bit set of at most 8 KiB, and only as long as the highest port seen (a source that only
 * used port 443 holds 7 words). Mutable, as combine accumulators are.
 */
@DefaultCoder(PortSetCoder.class)
public final class PortSet {
  final BitSet ports;
  long flows;

  PortSet(BitSet ports, long flows) {
    this.ports = ports;
    this.flows = flows;
  }

  public static PortSet empty() {
    return new PortSet(new BitSet(), 0);
  }

  /** A set of {@code ports}, one flow each: for tests and examples. */
  public static PortSet of(int... ports) {
    PortSet s = empty();
    for (int p : ports) {
      s.add(p);
    }
    return s;
  }

  PortSet add(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0-65535");
    }
    ports.set(port);
    flows++;
    return this;
  }

  PortSet addAll(PortSet other) {
    ports.or(other.ports);
    flows = Math.addExact(flows, other.flows);
    return this;
  }

  public int distinctPorts() {
    return ports.cardinality();
  }

  public long flows() {
    return flows;
  }

  /** The lowest port in the set, or -1 when it is empty. */
  public int lowestPort() {
    return ports.nextSetBit(0);
  }

  /** The highest port in the set, or -1 when it is empty. */
  public int highestPort() {
    return ports.length() - 1;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof PortSet)) {
      return false;
    }
    PortSet that = (PortSet) o;
    return flows == that.flows && ports.equals(that.ports);
  }

  @Override
  public int hashCode() {
    return Objects.hash(ports, flows);
  }

  @Override
  public String toString() {
    return distinctPorts() + " ports " + ports + " in " + flows + " flows";
  }
}
