package dev.beamline.pipelines.traffictoptalkers;

import dev.beamline.transforms.clean.CleanRecords;
import dev.beamline.transforms.clean.Conversion;
import dev.beamline.transforms.clean.TimestampFormat;
import dev.beamline.transforms.deadletter.DeadLetter;
import dev.beamline.transforms.io.SourcedLine;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

/**
 * JSON Lines flow records to {@link FlowRecord}s stamped with their event time, under a strict
 * contract ({@link CleanRecords}); every other line is a dead letter with its reason:
 *
 * <ul>
 *   <li>{@code srcIp}, {@code dstIp}: IPv4 or IPv6 address literals ({@link IpAddresses}), kept in
 *       canonical form;
 *   <li>{@code dstPort}: an integer 0–65535; {@code protocol}: one of {@link Protocols#KNOWN},
 *       exactly as spelled there;
 *   <li>{@code bytes}, {@code packets}: integers (no fraction, no exponent) from 0 to 2^53 - 1
 *       (8 PiB: beyond any real flow, and every such count is exact as a double, which rankings
 *       use);
 *   <li>{@code ts}: ISO-8601 with a zone ({@code Z} or an offset) or epoch milliseconds.
 * </ul>
 *
 * <p>Every field is required; other fields are ignored. Counters {@code records_cleaned} and
 * {@code records_dead_lettered}. Runner caveats are those of {@link CleanRecords}.
 */
public final class CleanFlowRecords
    extends PTransform<PCollection<SourcedLine>, WithFailures.Result<PCollection<FlowRecord>, DeadLetter>> {

  static final Schema SCHEMA = Schema.builder()
      .addStringField("srcIp")
      .addStringField("dstIp")
      .addInt32Field("dstPort")
      .addStringField("protocol")
      .addInt64Field("bytes")
      .addInt64Field("packets")
      .addDateTimeField("ts")
      .build();

  /** 2^53 - 1: the largest count a double holds exactly. */
  static final long MAX_COUNT = (1L << 53) - 1;

  private static final Conversion IP_ADDRESS =
      Conversion.custom("IP address", Schema.TypeName.STRING, IpAddresses::canonical);

  static final CleanRecords RULES = CleanRecords.of(SCHEMA)
      .convert("srcIp", IP_ADDRESS)
      .convert("dstIp", IP_ADDRESS)
      .range("dstPort", 0L, 65535L)
      .allowedValues("protocol", Protocols.KNOWN.toArray())
      .range("bytes", 0L, MAX_COUNT)
      .range("packets", 0L, MAX_COUNT)
      .convert("ts", Conversion.timestamp(
          TimestampFormat.anyOf(TimestampFormat.ISO_8601, TimestampFormat.EPOCH_MILLIS)))
      .withEventTime("ts");

  private CleanFlowRecords() {}

  public static CleanFlowRecords create() {
    return new CleanFlowRecords();
  }

  @Override
  public WithFailures.Result<PCollection<FlowRecord>, DeadLetter> expand(
      PCollection<SourcedLine> lines) {
    WithFailures.Result<PCollection<Row>, DeadLetter> cleaned =
        lines.apply("CleanJsonLines", RULES.fromJsonLines());
    PCollection<FlowRecord> flows = cleaned.output()
        .apply("ToFlowRecord", MapElements.via(new ToFlowRecord()))
        .setCoder(FlowRecordCoder.of());
    return WithFailures.Result.of(flows, cleaned.failures());
  }

  static final class ToFlowRecord extends SimpleFunction<Row, FlowRecord> {
    @Override
    public FlowRecord apply(Row r) {
      return new FlowRecord(r.getString("srcIp"), r.getString("dstIp"), r.getInt32("dstPort"),
          r.getString("protocol"), r.getInt64("bytes"), r.getInt64("packets"),
          r.getDateTime("ts").getMillis());
    }
  }
}
