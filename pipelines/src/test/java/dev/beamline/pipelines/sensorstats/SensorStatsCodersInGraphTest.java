package dev.beamline.pipelines.sensorstats;

import dev.beamline.pipelines.PipelineFlags;
import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.junit.Test;

/**
 * No element of sensor-stats is ever encoded with Java serialization: every PCollection of the
 * whole graph (reading, parsing, windowing, combining, writing) has a purpose-built or Beam-native
 * coder, checked recursively through component coders (KV, windowed values, ...).
 */
public class SensorStatsCodersInGraphTest {
  @Test
  public void noPCollectionUsesSerializableCoder() {
    SensorStatsOptions options = PipelineFlags.parse(SensorStatsOptions.class,
        "--input=../testdata/sensor-stats/sample.jsonl", "--earlyFiringsEvery=5s",
        "--allowedLateness=1m", "--windowSlide=30s");
    Pipeline p = Pipeline.create(options);
    new SensorStatsPipeline().build(p, options);

    List<String> offenders = new ArrayList<>();
    p.traverseTopologically(new Pipeline.PipelineVisitor.Defaults() {
      @Override
      public void visitValue(PValue value, TransformHierarchy.Node producer) {
        if (value instanceof PCollection) {
          Coder<?> coder = ((PCollection<?>) value).getCoder();
          if (usesJavaSerialization(coder)) {
            offenders.add(value.getName() + ": " + coder);
          }
        }
      }
    });
    assertEquals(List.of(), offenders);
  }

  private static boolean usesJavaSerialization(Coder<?> coder) {
    if (coder instanceof SerializableCoder) {
      return true;
    }
    for (Coder<?> component : coder.getCoderArguments()) {
      if (component != null && usesJavaSerialization(component)) {
        return true;
      }
    }
    return false;
  }
}
