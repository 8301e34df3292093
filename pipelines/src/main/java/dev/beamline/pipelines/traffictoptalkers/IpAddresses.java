package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.transforms.parse.InvalidRecordException;

/**
 * Strict IPv4 and IPv6 address literals, returned in one canonical text form so that a host is one
 * key however its address was written ({@code 2001:DB8:0:0:0:0:0:0A} and {@code 2001:db8::a} are the
 * same source). Never resolves names: the JDK's {@code InetAddress.getByName} would look up
 * {@code "gateway"} in DNS and accepts forms such as {@code "1"}.
 *
 * <ul>
 *   <li>IPv4: four decimal octets 0–255 separated by dots. A leading zero is refused ({@code 010}
 *       is octal 8 to some tools and decimal 10 to others), as are fewer octets ({@code 10.1}).
 *   <li>IPv6 (RFC 4291 §2.2): eight groups of one to four hex digits, at most one {@code ::} for a
 *       run of zero groups, optionally ending in an embedded dotted IPv4 address. Zone indexes
 *       ({@code %eth0}), brackets and prefix lengths are refused: they are not host addresses.
 *       Canonical form per RFC 5952: lower case, no leading zeros, the longest run of two or more
 *       zero groups (the first of equal runs) as {@code ::}, and IPv4-mapped addresses
 *       ({@code ::ffff:0:0/96}) with their IPv4 part dotted.
 * </ul>
 */
public final class IpAddresses {
  private IpAddresses() {}

  /** The canonical form of {@code text}, or the reason it is not an address literal. */
  public static String canonical(String text) throws InvalidRecordException {
    String detail = text.indexOf(':') >= 0 ? checkIpv6(text) : checkIpv4(text);
    if (detail != null) {
      throw new InvalidRecordException(
          "is not an IPv4 or IPv6 address: \"" + text + "\" (" + detail + ")");
    }
    return text.indexOf(':') >= 0 ? formatIpv6(parseIpv6(text)) : text;
  }

  /** Why {@code text} is not a dotted IPv4 address, or null when it is one. */
  private static String checkIpv4(String text) {
    String[] octets = text.split("\\.", -1);
    if (octets.length != 4) {
      return "IPv4 needs 4 dot-separated octets, found " + octets.length;
    }
    for (String o : octets) {
      if (o.isEmpty() || o.length() > 3 || !o.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return "IPv4 octet '" + o + "' is not 1 to 3 decimal digits";
      }
      if (o.length() > 1 && o.charAt(0) == '0') {
        return "IPv4 octet '" + o + "' has a leading zero";
      }
      if (Integer.parseInt(o) > 255) {
        return "IPv4 octet " + o + " is above 255";
      }
    }
    return null;
  }

  /** The four octets of a dotted IPv4 address that {@link #checkIpv4} accepted. */
  private static int[] ipv4Octets(String text) {
    String[] parts = text.split("\\.");
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      octets[i] = Integer.parseInt(parts[i]);
    }
    return octets;
  }

  /** Why {@code text} is not an IPv6 literal, or null when it is one. */
  private static String checkIpv6(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(c == ':' || c == '.' || isHexDigit(c))) {
        if (c == '%') {
          return "zone index '" + text.substring(i) + "' is not part of a host address";
        }
        if (c == '/') {
          return "prefix length '" + text.substring(i) + "' is not part of a host address";
        }
        return "unexpected character '" + c + "'";
      }
    }
    int doubleColon = text.indexOf("::");
    if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
      return "'::' may appear only once";
    }
    if (text.startsWith(":") && !text.startsWith("::")
        || text.endsWith(":") && !text.endsWith("::")) {
      return "a single ':' cannot start or end an address";
    }
    int lastColon = text.lastIndexOf(':');
    if (text.substring(0, lastColon).indexOf('.') >= 0) {
      return "an embedded IPv4 address may only end the address";
    }
    int groups = 0;
    String last = text.substring(lastColon + 1);
    if (last.indexOf('.') >= 0) {
      String v4 = checkIpv4(last);
      if (v4 != null) {
        return "embedded " + v4;
      }
      // Checked as IPv4 above; stand in one hex group for it and count the second here.
      text = text.substring(0, lastColon + 1) + "0";
      groups++;
    }
    String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    for (String part : new String[] {head, tail}) {
      if (part.isEmpty()) {
        continue;
      }
      for (String g : part.split(":", -1)) {
        if (g.isEmpty() || g.length() > 4) {
          return "group '" + g + "' is not 1 to 4 hex digits";
        }
        groups++;
      }
    }
    if (doubleColon >= 0 && groups > 7) {
      return "too many groups for '::'";
    }
    if (doubleColon < 0 && groups != 8) {
      return "IPv6 needs 8 groups, found " + groups;
    }
    return null;
  }

  /** ASCII only: Character.digit would also accept other scripts' digits. */
  private static boolean isHexDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** The eight 16-bit groups of a literal that {@link #checkIpv6} accepted. */
  private static int[] parseIpv6(String text) {
    int doubleColon = text.indexOf("::");
    String head = doubleColon >= 0 ? text.substring(0, doubleColon) : text;
    String tail = doubleColon >= 0 ? text.substring(doubleColon + 2) : "";
    int[] h = groups(head);
    int[] t = groups(tail);
    int[] all = new int[8];
    System.arraycopy(h, 0, all, 0, h.length);
    System.arraycopy(t, 0, all, 8 - t.length, t.length);
    return all;
  }

  private static int[] groups(String part) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] texts = part.split(":");
    boolean v4 = texts[texts.length - 1].indexOf('.') >= 0;
    int[] out = new int[texts.length + (v4 ? 1 : 0)];
    for (int i = 0; i < texts.length; i++) {
      if (v4 && i == texts.length - 1) {
        int[] o = ipv4Octets(texts[i]);
        out[i] = o[0] << 8 | o[1];
        out[i + 1] = o[2] << 8 | o[3];
      } else {
        out[i] = Integer.parseInt(texts[i], 16);
      }
    }
    return out;
  }

  /** RFC 5952 text of eight groups. */
  private static String formatIpv6(int[] g) {
    boolean mapped = g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0
        && g[5] == 0xffff;
    if (mapped) {
      return "::ffff:" + (g[6] >> 8) + "." + (g[6] & 0xff) + "." + (g[7] >> 8) + "." + (g[7] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1; // a single zero group is never compressed
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder b = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        b.append("::");
        i += bestLength - 1;
        continue;
      }
      if (b.length() > 0 && b.charAt(b.length() - 1) != ':') {
        b.append(':');
      }
      b.append(Integer.toHexString(g[i]));
    }
    return b.toString();
  }
}
