package dev.beamline.transforms.clean;

import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.values.Row;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * The stateless part of a {@link CleanRecords}, validated and ready to run: conversion, missing
 * values (required, drop, default), finiteness, range and allowed values, field by field in schema
 * order, stopping at the first failure. Fields filled with the last known value per key stay
 * {@code null} here; {@link FillLastKnownFn} fills them.
 */
final class RecordRules implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Schema schema;
  private final Schema intermediateSchema;
  private final Schema rawSchema;
  private final List<FieldRules> fields;
  private final @Nullable String eventTimeField;

  RecordRules(Schema schema, List<FieldRules> fields, @Nullable String eventTimeField) {
    this.schema = schema;
    this.fields = List.copyOf(fields);
    this.eventTimeField = eventTimeField;
    Schema.Builder intermediate = Schema.builder();
    Schema.Builder raw = Schema.builder();
    for (FieldRules f : fields) {
      Schema.FieldType type = f.field.getType();
      intermediate.addField(f.name(), f.fillsLastKnown() ? type.withNullable(true) : type);
      raw.addField(f.name(), f.conversion != null
          ? Schema.FieldType.STRING.withNullable(true) : type.withNullable(true));
    }
    this.intermediateSchema = intermediate.build();
    this.rawSchema = raw.build();
  }

  /** The cleaned records' schema. */
  Schema schema() {
    return schema;
  }

  /** The target schema with last-known-per-key fields nullable: rows between the two stages. */
  Schema intermediateSchema() {
    return intermediateSchema;
  }

  /** Every field nullable; {@code STRING} where a conversion reads text. */
  Schema rawSchema() {
    return rawSchema;
  }

  List<FieldRules> fields() {
    return fields;
  }

  /** The fields filled with the last known value, grouped by key field, in schema order. */
  Map<String, List<FieldRules>> lastKnownByKey() {
    Map<String, List<FieldRules>> byKey = new LinkedHashMap<>();
    for (FieldRules f : fields) {
      if (f.fillsLastKnown()) {
        byKey.computeIfAbsent(f.fill.keyField(), k -> new ArrayList<>()).add(f);
      }
    }
    return byKey;
  }

  @Nullable String eventTimeField() {
    return eventTimeField;
  }

  /** A row of the intermediate schema and how many values it took from defaults. */
  static final class Cleaned {
    final Row row;
    final int defaultsFilled;

    Cleaned(Row row, int defaultsFilled) {
      this.row = row;
      this.defaultsFilled = defaultsFilled;
    }
  }

  /**
   * Applies the stateless rules to {@code raw}, whose fields are read by name (other fields are
   * ignored); the exception's message is the dead-letter reason.
   */
  Cleaned clean(Row raw) throws InvalidRecordException {
    List<Object> values = new ArrayList<>(fields.size());
    int defaults = 0;
    for (FieldRules f : fields) {
      Object v = raw.getValue(f.name());
      if (v instanceof String && ((String) v).isEmpty()) {
        v = null;
      }
      if (v != null && f.conversion != null) {
        try {
          v = f.conversion.convert((String) v);
        } catch (InvalidRecordException e) {
          throw new InvalidRecordException(
              "field '" + f.name() + "' " + e.getMessage() + " (rule: " + f.conversion + ")");
        }
      }
      if (v == null) {
        if (f.fill != null && f.fill.kind() == FillPolicy.Kind.DEFAULT) {
          v = f.fill.defaultValue();
          defaults++;
        } else if (f.fill != null && f.fill.kind() == FillPolicy.Kind.DROP) {
          throw new InvalidRecordException(
              "field '" + f.name() + "' is missing (rule: " + f.fill + ")");
        } else if (f.required()) {
          throw new InvalidRecordException("field '" + f.name() + "' is missing (rule: required)");
        }
      } else {
        if (v instanceof ReadableInstant && !(v instanceof Instant)) {
          v = ((ReadableInstant) v).toInstant();
        }
        f.checkValue(v);
      }
      values.add(v);
    }
    return new Cleaned(Row.withSchema(intermediateSchema).addValues(values).build(), defaults);
  }

  /** The event time of a cleaned row, when the cleaner declares one. */
  @Nullable Instant eventTime(Row cleaned) {
    return eventTimeField == null ? null : (Instant) cleaned.getValue(eventTimeField);
  }
}
