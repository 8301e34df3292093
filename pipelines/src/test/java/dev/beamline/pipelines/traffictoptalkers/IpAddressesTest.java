package dev.beamline.pipelines.traffictoptalkers;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.beamline.transforms.parse.InvalidRecordException;
import org.junit.Test;

/** Address literals: what is accepted, its canonical form, and the reason for each refusal. */
public class IpAddressesTest {
  private static String canonical(String text) throws InvalidRecordException {
    return IpAddresses.canonical(text);
  }

  private static String refusal(String text) {
    return assertThrows(InvalidRecordException.class, () -> IpAddresses.canonical(text))
        .getMessage();
  }

  @Test
  public void ipv4AddressesAreKeptAsWritten() throws Exception {
    assertEquals("10.0.0.1", canonical("10.0.0.1"));
    assertEquals("0.0.0.0", canonical("0.0.0.0"));
    assertEquals("255.255.255.255", canonical("255.255.255.255"));
  }

  @Test
  public void ipv4Refusals() {
    assertEquals("is not an IPv4 or IPv6 address: \"10.0.0.256\" (IPv4 octet 256 is above 255)",
        refusal("10.0.0.256"));
    assertEquals("is not an IPv4 or IPv6 address: \"10.1\" (IPv4 needs 4 dot-separated octets, "
        + "found 2)", refusal("10.1"));
    assertEquals("is not an IPv4 or IPv6 address: \"010.0.0.1\" (IPv4 octet '010' has a leading "
        + "zero)", refusal("010.0.0.1"));
    assertEquals("is not an IPv4 or IPv6 address: \"10.0..1\" (IPv4 octet '' is not 1 to 3 "
        + "decimal digits)", refusal("10.0..1"));
    assertEquals("is not an IPv4 or IPv6 address: \"gateway\" (IPv4 needs 4 dot-separated "
        + "octets, found 1)", refusal("gateway"));
    assertEquals("is not an IPv4 or IPv6 address: \" 10.0.0.1\" (IPv4 octet ' 10' is not 1 to 3 "
        + "decimal digits)", refusal(" 10.0.0.1"));
    // Arabic-Indic digits are digits to Character.digit, not to an address.
    assertEquals("is not an IPv4 or IPv6 address: \"١٠.0.0.1\" (IPv4 octet '١٠' is not 1 to 3 "
        + "decimal digits)", refusal("\u0661\u0660.0.0.1"));
  }

  @Test
  public void ipv6AddressesTakeTheirRfc5952Form() throws Exception {
    assertEquals("2001:db8::a", canonical("2001:DB8:0:0:0:0:0:000A"));
    assertEquals("2001:db8::a", canonical("2001:db8::a"));
    assertEquals("::1", canonical("0:0:0:0:0:0:0:1"));
    assertEquals("::", canonical("::"));
    assertEquals("fe80::", canonical("fe80:0:0:0:0:0:0:0"));
    // A single zero group stays; the longest run is compressed, the first of equal runs.
    assertEquals("2001:db8:0:1:1:1:1:1", canonical("2001:db8::1:1:1:1:1"));
    assertEquals("2001:0:0:1::1", canonical("2001:0:0:1:0:0:0:1"));
    assertEquals("2001:db8::1:0:0:1", canonical("2001:db8:0:0:1:0:0:1"));
  }

  @Test
  public void ipv4MappedAndEmbeddedForms() throws Exception {
    assertEquals("::ffff:192.0.2.1", canonical("::FFFF:c000:0201"));
    assertEquals("::ffff:192.0.2.1", canonical("0:0:0:0:0:ffff:192.0.2.1"));
    assertEquals("64:ff9b::c000:201", canonical("64:ff9b::192.0.2.1"));
  }

  @Test
  public void ipv6Refusals() {
    assertEquals("is not an IPv4 or IPv6 address: \"fe80::1%eth0\" (zone index '%eth0' is not "
        + "part of a host address)", refusal("fe80::1%eth0"));
    assertEquals("is not an IPv4 or IPv6 address: \"2001:db8::/32\" (prefix length '/32' is not "
        + "part of a host address)", refusal("2001:db8::/32"));
    assertEquals("is not an IPv4 or IPv6 address: \"[::1]\" (unexpected character '[')",
        refusal("[::1]"));
    assertEquals("is not an IPv4 or IPv6 address: \"1::2::3\" ('::' may appear only once)",
        refusal("1::2::3"));
    assertEquals("is not an IPv4 or IPv6 address: \"1:2:3:4:5:6:7\" (IPv6 needs 8 groups, "
        + "found 7)", refusal("1:2:3:4:5:6:7"));
    assertEquals("is not an IPv4 or IPv6 address: \"1:2:3:4::5:6:7:8\" (too many groups for "
        + "'::')", refusal("1:2:3:4::5:6:7:8"));
    assertEquals("is not an IPv4 or IPv6 address: \"12345::\" (group '12345' is not 1 to 4 hex "
        + "digits)", refusal("12345::"));
    assertEquals("is not an IPv4 or IPv6 address: \":1:2:3:4:5:6:7\" (a single ':' cannot start "
        + "or end an address)", refusal(":1:2:3:4:5:6:7"));
    assertEquals("is not an IPv4 or IPv6 address: \"::ffff:1.2.3.256\" (embedded IPv4 octet 256 "
        + "is above 255)", refusal("::ffff:1.2.3.256"));
    assertEquals("is not an IPv4 or IPv6 address: \"1.2.3.4::\" (an embedded IPv4 address may "
        + "only end the address)", refusal("1.2.3.4::"));
    assertEquals("is not an IPv4 or IPv6 address: \"2001:db8::g\" (unexpected character 'g')",
        refusal("2001:db8::g"));
  }
}
