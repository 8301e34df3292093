package dev.beamline.transforms.kafka;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Parsing, merging and, above all, never showing secret values. */
public class KafkaClientConfigTest {
  private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule "
      + "required username=\"beamline\" password=\"s3cr3t-jaas\";";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void parsesNameValuePairsAndKeepsEqualsSignsInValues() {
    KafkaClientConfig c = KafkaClientConfig.parse("kafkaConsumerConfig",
        " security.protocol=SASL_SSL , sasl.mechanism=PLAIN,client.id=a=b", false);
    assertEquals(Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "PLAIN",
        "client.id", "a=b"), c.asMap());
  }

  @Test
  public void emptyTextIsNoSettings() {
    assertTrue(KafkaClientConfig.parse("f", "", false).isEmpty());
    assertTrue(KafkaClientConfig.parse("f", "  ", false).isEmpty());
  }

  @Test
  public void refusesItemsWithoutNameOrValueAndDuplicates() {
    assertEquals("--f: expected name=value[,name=value...], got an item without a name or '=' "
        + "('acks')", error(() -> KafkaClientConfig.parse("f", "acks", false)));
    assertEquals("--f: expected name=value[,name=value...], got an item without a name or '=' "
        + "('=1')", error(() -> KafkaClientConfig.parse("f", "=1", false)));
    assertEquals("Kafka property 'acks' has an empty value",
        error(() -> KafkaClientConfig.parse("f", "acks=", false)));
    assertEquals("--f: 'acks' is given twice",
        error(() -> KafkaClientConfig.parse("f", "acks=1,acks=all", false)));
  }

  @Test
  public void secretsOnTheCommandLineAreRefusedWithoutEchoingTheValue() {
    String msg = error(() -> KafkaClientConfig.parse("kafkaConsumerConfig",
        "sasl.jaas.config=" + JAAS, false));
    assertEquals("--kafkaConsumerConfig: 'sasl.jaas.config' looks like a secret; secrets on the "
        + "command line are visible in process lists and in the runner's UI: put it in a "
        + "properties file and pass --kafkaConfigFile=<path>", msg);
    String noName = error(() -> KafkaClientConfig.parse("f", "ssl.key.password", false));
    assertThat(noName, containsString("([hidden])"));
  }

  @Test
  public void secretNamesAreRecognisedByWhatTheyContain() {
    for (String name : new String[] {"sasl.jaas.config", "ssl.key.password", "ssl.keystore.key",
        "ssl.truststore.password", "sasl.client.callback.secret", "my.API_KEY", "oauth.token",
        "aws.credentials"}) {
      assertTrue(name, KafkaClientConfig.isSecret(name));
    }
    for (String name : new String[] {"security.protocol", "sasl.mechanism", "acks", "client.id",
        "ssl.endpoint.identification.algorithm"}) {
      assertFalse(name, KafkaClientConfig.isSecret(name));
    }
  }

  @Test
  public void filesMayHoldSecretsAndDescriptionsHideThem() throws Exception {
    Path file = tmp.newFile("client.properties").toPath();
    Files.writeString(file, "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n"
        + "sasl.jaas.config=" + JAAS.replace("\"", "\\\"") + "\n", StandardCharsets.UTF_8);
    KafkaClientConfig c = KafkaClientConfig.fromFile(file);
    assertEquals(JAAS, c.asMap().get("sasl.jaas.config"));
    assertEquals("sasl.jaas.config=[hidden], sasl.mechanism=PLAIN, "
        + "security.protocol=SASL_PLAINTEXT", c.describe());
    assertThat(c.toString(), not(containsString("s3cr3t")));
  }

  @Test
  public void plusMergesAndRefusesAPropertySetTwice() {
    KafkaClientConfig file = KafkaClientConfig.of(Map.of("security.protocol", "SSL"));
    KafkaClientConfig flag = KafkaClientConfig.parse("f", "acks=all", false);
    assertEquals(Map.of("security.protocol", "SSL", "acks", "all"), file.plus(flag).asMap());
    assertEquals("Kafka property 'security.protocol' is set twice",
        error(() -> file.plus(KafkaClientConfig.parse("f", "security.protocol=SSL", false))));
  }

  @Test
  public void appliedOverKafkaIosConfigOurSettingsWin() {
    KafkaClientConfig c = KafkaClientConfig.of(Map.of("client.id", "mine"));
    Map<String, Object> merged = c.applyTo(Map.of("client.id", "kafkaio", "group.id", "g"));
    assertEquals(Map.of("client.id", "mine", "group.id", "g"), merged);
  }

  @Test
  public void survivesJavaSerializationInsideFactories() throws Exception {
    KafkaClientConfig c = KafkaClientConfig.of(Map.of("ssl.key.password", "pw"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(KafkaClientFactories.consumers(c));
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertEquals("consumers with KafkaClientConfig{ssl.key.password=[hidden]}",
          in.readObject().toString());
    }
  }

  private static String error(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
