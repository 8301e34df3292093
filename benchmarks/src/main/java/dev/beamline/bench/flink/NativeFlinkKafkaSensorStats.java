package dev.beamline.bench.flink;

import dev.beamline.bench.ChildArgs;
import dev.beamline.bench.WindowResultJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.SimpleStringSchema;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.util.OutputTag;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The Kafka form of {@link NativeFlinkSensorStats} for the latency suite: a {@code KafkaSource}
 * from the earliest offset, the same parser, the same watermark as sensor-stats on Kafka (latest
 * event time minus the disorder allowance; a partition idle for 30 s stops holding it), keyBy
 * sensor, tumbling event-time windows with the incremental aggregate, and a {@code KafkaSink}
 * writing each result as the same JSON line sensor-stats writes. The sink leaves the record
 * timestamp unset, so Kafka stamps the time the result was produced (CreateTime), as Beamline's
 * sink does. Runs until it is stopped.
 */
public final class NativeFlinkKafkaSensorStats {
  private static final OutputTag<SensorReading> LATE = new OutputTag<>("late",
      TypeInformation.of(SensorReading.class));

  private NativeFlinkKafkaSensorStats() {}

  public static void main(String[] argv) throws Exception {
    ChildArgs args = new ChildArgs(argv);
    String servers = args.get("bootstrapServers");
    String inTopic = args.get("topic");
    String outTopic = args.get("outputTopic");
    int parallelism = (int) args.getLong("parallelism", 2);
    long size = args.getLong("windowSizeMillis");
    long disorder = args.getLong("maxDisorderMillis");

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.getConfig().disableGenericTypes();
    env.getConfig().enableObjectReuse();

    KafkaSource<String> source = KafkaSource.<String>builder()
        .setBootstrapServers(servers)
        .setTopics(inTopic)
        .setGroupId("bench-native-" + inTopic)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setValueOnlyDeserializer(new SimpleStringSchema())
        .build();
    DataStream<String> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "ReadTopic");

    SingleOutputStreamOperator<WindowStats> stats = lines
        .process(new ParseReadingFn()).name("ParseEvents")
        .assignTimestampsAndWatermarks(WatermarkStrategy
            .<SensorReading>forBoundedOutOfOrderness(Duration.ofMillis(disorder))
            .withTimestampAssigner((r, previous) -> r.timestampMillis)
            .withIdleness(Duration.ofSeconds(30)))
        .name("EventTime")
        .keyBy(r -> r.sensorId)
        .window(TumblingEventTimeWindows.of(Duration.ofMillis(size)))
        .sideOutputLateData(LATE)
        .aggregate(new SummariseFn(), new AttachWindowFn())
        .name("SummarisePerSensor");
    KafkaSink<WindowStats> sink = KafkaSink.<WindowStats>builder()
        .setBootstrapServers(servers)
        .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
        .setRecordSerializer(new ResultLines(outTopic))
        .build();
    stats.sinkTo(sink).name("WriteResults");
    stats.getSideOutput(LATE).process(new CountLateFn()).name("CountLate")
        .sinkTo(new DiscardingSink<>()).name("DiscardLate");
    System.out.println("native-flink-kafka: submitting");
    env.execute("native-flink-kafka-sensor-stats");
  }

  /** One JSON line per result, keyed by sensor, with no timestamp: Kafka stamps the send time. */
  private static final class ResultLines implements KafkaRecordSerializationSchema<WindowStats> {
    private final String topic;

    ResultLines(String topic) {
      this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(WindowStats s, KafkaSinkContext ctx,
        Long timestamp) {
      String line = WindowResultJson.line(s.sensorId, s.windowStart, s.windowEnd, s.count, s.min,
          s.max, s.mean, s.stddev);
      return new ProducerRecord<>(topic, null, null,
          s.sensorId.getBytes(StandardCharsets.UTF_8), line.getBytes(StandardCharsets.UTF_8));
    }
  }
}
