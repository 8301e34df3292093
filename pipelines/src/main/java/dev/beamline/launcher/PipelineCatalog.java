package dev.beamline.launcher;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.clickstreamsessions.ClickstreamSessionsPipeline;
import dev.beamline.pipelines.sensorstats.SensorStatsPipeline;
import dev.beamline.pipelines.traffictoptalkers.TrafficTopTalkersPipeline;
import java.util.List;
import java.util.Optional;

/** Every runnable pipeline, in the order {@code ./beamline list} shows them. */
final class PipelineCatalog {
  private static final List<BeamlinePipeline<?>> ALL = List.of(new SensorStatsPipeline(),
      new TrafficTopTalkersPipeline(), new ClickstreamSessionsPipeline());

  private PipelineCatalog() {}

  static List<BeamlinePipeline<?>> all() {
    return ALL;
  }

  static Optional<BeamlinePipeline<?>> find(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
