package dev.beamline.pipelines.sensorstats;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.beamline.transforms.stats.NumericSummary;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.joda.time.Instant;

/**
 * The temperature statistics of one sensor in one window, as of one pane: what sensor-stats emits.
 * {@code stddev} is the population standard deviation.
 */
@DefaultCoder(SensorWindowStatsCoder.class)
public final class SensorWindowStats {
  private static final JsonFactory JSON = new JsonFactory();

  private final String sensorId;
  private final long windowStartMillis;
  private final long windowEndMillis;
  private final NumericSummary temperature;
  private final PaneInfo.Timing paneTiming;
  private final long paneIndex;
  private final boolean paneFinal;

  public SensorWindowStats(String sensorId, long windowStartMillis, long windowEndMillis,
      NumericSummary temperature, PaneInfo.Timing paneTiming, long paneIndex, boolean paneFinal) {
    this.sensorId = Objects.requireNonNull(sensorId, "sensorId");
    this.windowStartMillis = windowStartMillis;
    this.windowEndMillis = windowEndMillis;
    this.temperature = Objects.requireNonNull(temperature, "temperature");
    this.paneTiming = Objects.requireNonNull(paneTiming, "paneTiming");
    this.paneIndex = paneIndex;
    this.paneFinal = paneFinal;
  }

  public String sensorId() {
    return sensorId;
  }

  public Instant windowStart() {
    return Instant.ofEpochMilli(windowStartMillis);
  }

  public Instant windowEnd() {
    return Instant.ofEpochMilli(windowEndMillis);
  }

  public NumericSummary temperature() {
    return temperature;
  }

  public PaneInfo.Timing paneTiming() {
    return paneTiming;
  }

  public long paneIndex() {
    return paneIndex;
  }

  public boolean paneFinal() {
    return paneFinal;
  }

  /**
   * {@code {"sensorId","windowStart","windowEnd","count","min","max","mean","stddev",
   * "pane":{"timing","index","final"}}} on one line; instants in ISO-8601 UTC.
   */
  public String toJson() {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = JSON.createGenerator(w)) {
      g.writeStartObject();
      g.writeStringField("sensorId", sensorId);
      g.writeStringField("windowStart", windowStart().toString());
      g.writeStringField("windowEnd", windowEnd().toString());
      g.writeNumberField("count", temperature.count());
      g.writeNumberField("min", temperature.min());
      g.writeNumberField("max", temperature.max());
      g.writeNumberField("mean", temperature.mean());
      g.writeNumberField("stddev", temperature.populationStddev());
      g.writeObjectFieldStart("pane");
      g.writeStringField("timing", paneTiming.name());
      g.writeNumberField("index", paneIndex);
      g.writeBooleanField("final", paneFinal);
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SensorWindowStats)) {
      return false;
    }
    SensorWindowStats that = (SensorWindowStats) o;
    return windowStartMillis == that.windowStartMillis
        && windowEndMillis == that.windowEndMillis
        && paneIndex == that.paneIndex
        && paneFinal == that.paneFinal
        && sensorId.equals(that.sensorId)
        && temperature.equals(that.temperature)
        && paneTiming == that.paneTiming;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sensorId, windowStartMillis, windowEndMillis, temperature, paneTiming,
        paneIndex, paneFinal);
  }

  @Override
  public String toString() {
    return toJson();
  }
}
