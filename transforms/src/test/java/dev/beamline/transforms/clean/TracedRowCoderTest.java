package dev.beamline.transforms.clean;

import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class TracedRowCoderTest {
  private static final Schema S = Schema.builder().addStringField("id")
      .addNullableField("country", Schema.FieldType.STRING).addDateTimeField("ts").build();
  private static final TracedRowCoder CODER = TracedRowCoder.of(RowCoder.of(S));

  @Test
  public void roundTripsWithNullsAndUnknownPositions() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(CODER, new TracedRow(
        Row.withSchema(S).addValues("x", null, new Instant(5)).build(), "unknown", -1, "{}"));
    CoderProperties.coderDecodeEncodeEqual(CODER, new TracedRow(
        Row.withSchema(S).addValues("é", "DE", new Instant(0)).build(), "/a/b.jsonl", 12,
        "{\"id\":\"é\"}"));
  }

  @Test
  public void isSerializable() {
    CoderProperties.coderSerializable(CODER);
  }
}
