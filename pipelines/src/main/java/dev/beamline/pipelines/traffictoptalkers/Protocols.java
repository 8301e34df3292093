package dev.beamline.pipelines.traffictoptalkers;

import java.util.List;
import java.util.Set;

/**
 * The transport protocols a flow record may name, written as IANA's protocol-numbers registry
 * spells them (upper case except {@code ICMPv6}). Only TCP, UDP and SCTP have ports: for the others
 * exporters put other things in the port field (NetFlow writes ICMP type * 256 + code there), so
 * port-scan detection looks at port-bearing protocols only.
 */
public final class Protocols {
  private Protocols() {}

  public static final List<String> KNOWN =
      List.of("TCP", "UDP", "ICMP", "ICMPv6", "GRE", "ESP", "AH", "SCTP");

  public static final Set<String> WITH_PORTS = Set.of("TCP", "UDP", "SCTP");

  public static boolean hasPorts(String protocol) {
    return WITH_PORTS.contains(protocol);
  }
}
