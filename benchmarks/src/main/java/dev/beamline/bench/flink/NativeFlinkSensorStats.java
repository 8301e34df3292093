package dev.beamline.bench.flink;

import dev.beamline.bench.ChildArgs;
import dev.beamline.bench.ChildSummary;
import java.time.Duration;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.assigners.WindowAssigner;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.OutputTag;

/**
 * sensor-stats written directly on Flink 1.19's DataStream API, the way a Flink engineer would for
 * speed: a FileSource of text lines (one split per file), the same strict parser, a bounded
 * out-of-orderness watermark equal to the input's disorder (so nothing is late), keyBy sensor,
 * event-time windows with an incremental AggregateFunction (no buffered readings), POJO types only
 * (generic types are disabled, so nothing falls back to Kryo), object reuse on (no function keeps
 * a reference to its input), and a per-subtask file sink. Runs in STREAMING or BATCH runtime mode
 * in a local mini-cluster of the given parallelism, like the FlinkRunner's [local] mode.
 */
public final class NativeFlinkSensorStats {
  private static final OutputTag<SensorReading> LATE = new OutputTag<>("late",
      TypeInformation.of(SensorReading.class));

  private NativeFlinkSensorStats() {}

  public static void main(String[] argv) throws Exception {
    ChildArgs args = new ChildArgs(argv);
    String input = args.get("input");
    String output = args.get("output");
    RuntimeExecutionMode mode = RuntimeExecutionMode.valueOf(args.get("mode"));
    int parallelism = (int) args.getLong("parallelism", 2);
    long size = args.getLong("windowSizeMillis");
    long slide = args.getLong("windowSlideMillis", size);
    long disorder = args.getLong("maxDisorderMillis");

    long start = System.nanoTime();
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.setRuntimeMode(mode);
    env.getConfig().disableGenericTypes();
    env.getConfig().enableObjectReuse();

    FileSource<String> source =
        FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(input)).build();
    DataStream<String> lines = env.fromSource(source, WatermarkStrategy.noWatermarks(), "ReadLines");

    WindowAssigner<Object, TimeWindow> windows = size == slide
        ? TumblingEventTimeWindows.of(Duration.ofMillis(size))
        : SlidingEventTimeWindows.of(Duration.ofMillis(size), Duration.ofMillis(slide));

    SingleOutputStreamOperator<WindowStats> stats = lines
        .process(new ParseReadingFn()).name("ParseEvents")
        .assignTimestampsAndWatermarks(WatermarkStrategy
            .<SensorReading>forBoundedOutOfOrderness(Duration.ofMillis(disorder))
            .withTimestampAssigner((r, previous) -> r.timestampMillis))
        .name("EventTime")
        .keyBy(r -> r.sensorId)
        .window(windows)
        .sideOutputLateData(LATE)
        .aggregate(new SummariseFn(), new AttachWindowFn())
        .name("SummarisePerSensor");
    stats.sinkTo(new PerSubtaskFileSink(output)).name("WriteResults");
    stats.getSideOutput(LATE).process(new CountLateFn()).name("CountLate")
        .sinkTo(new DiscardingSink<>()).name("DiscardLate");

    JobExecutionResult result = env.execute("native-flink-sensor-stats");
    long nanos = System.nanoTime() - start;
    System.out.print(new ChildSummary("native-flink")
        .put("runner", "native Flink 1.19 DataStream, " + mode + ", parallelism " + parallelism)
        .wallTime(nanos, "includes mini-cluster start-up")
        .put("job time", String.format(java.util.Locale.ROOT, "%.3f s (Flink net runtime)",
            result.getNetRuntime() / 1000.0))
        .put("lines_read", counter(result, "lines_read"))
        .put("valid_events", counter(result, "valid_events"))
        .put("dead_letters", counter(result, "dead_letters"))
        .put("late_dropped", counter(result, "late_dropped"))
        .render());
  }

  private static long counter(JobExecutionResult r, String name) {
    Object v = r.getAccumulatorResult(name);
    return v == null ? 0L : ((Number) v).longValue();
  }
}
