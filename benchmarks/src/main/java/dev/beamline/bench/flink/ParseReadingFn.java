package dev.beamline.bench.flink;

import dev.beamline.pipelines.sensorstats.SensorEvent;
import dev.beamline.pipelines.sensorstats.SensorEventParser;
import dev.beamline.transforms.parse.InvalidRecordException;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Parses a line with sensor-stats' own strict parser; counts lines, valid events and bad lines in
 * accumulators (bad lines would be dead letters in the pipeline; the benchmark input has none).
 */
final class ParseReadingFn extends ProcessFunction<String, SensorReading> {
  private static final long serialVersionUID = 1L;

  private transient SensorEventParser parser;
  private transient LongCounter lines;
  private transient LongCounter valid;
  private transient LongCounter dead;

  @Override
  public void open(OpenContext ctx) {
    parser = new SensorEventParser();
    lines = getRuntimeContext().getLongCounter("lines_read");
    valid = getRuntimeContext().getLongCounter("valid_events");
    dead = getRuntimeContext().getLongCounter("dead_letters");
  }

  @Override
  public void processElement(String line, Context ctx, Collector<SensorReading> out) {
    lines.add(1L);
    SensorEvent e;
    try {
      e = parser.parse(line);
    } catch (InvalidRecordException bad) {
      dead.add(1L);
      return;
    }
    valid.add(1L);
    out.collect(new SensorReading(e.sensorId(), e.timestampMillis(), e.temperature()));
  }
}
