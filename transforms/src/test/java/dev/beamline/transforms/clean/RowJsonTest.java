package dev.beamline.transforms.clean;

import static org.junit.Assert.assertEquals;

import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.joda.time.Instant;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

@RunWith(JUnit4.class)
public class RowJsonTest {
  @Test
  public void fieldsInSchemaOrderWithJsonTypes() {
    Schema s = Schema.builder().addStringField("s").addNullableField("n", Schema.FieldType.INT64)
        .addInt32Field("i").addDoubleField("d").addDoubleField("nan").addBooleanField("b")
        .addDateTimeField("t").build();
    Row row = Row.withSchema(s).addValues("a\"b", null, 7, 1.5, Double.NaN, true,
        Instant.parse("2026-11-01T10:00:00Z")).build();
    assertEquals("{\"s\":\"a\\\"b\",\"n\":null,\"i\":7,\"d\":1.5,\"nan\":\"NaN\",\"b\":true,"
        + "\"t\":\"2026-11-01T10:00:00.000Z\"}", RowJson.toJson(row));
  }
}
