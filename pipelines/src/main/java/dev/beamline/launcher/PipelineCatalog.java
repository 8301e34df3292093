package dev.beamline.launcher;

import dev.beamline.pipelines.BeamlinePipeline;
import dev.beamline.pipelines.clickstreamsessions.ClickstreamSessionsPipeline;
import dev.beamline.pipelines.frauddetection.FraudDetectionPipeline;
import dev.beamline.pipelines.sensorstats.SensorStatsPipeline;
import dev.beamline.pipelines.traffictoptalkers.TrafficTopTalkersPipeline;
import dev.beamline.pipelines.trendingtopics.TrendingTopicsPipeline;
import dev.beamline.pipelines.wordcount.WordCountPipeline;
import java.util.List;
import java.util.Optional;

/** Every runnable pipeline, in the order {@code ./beamline list} shows them. */
final class PipelineCatalog {
  private static final List<BeamlinePipeline<?>> ALL = List.of(
      new SensorStatsPipeline(),
      new WordCountPipeline(),
      new TrendingTopicsPipeline(),
      new FraudDetectionPipeline(),
      new TrafficTopTalkersPipeline(),
      new ClickstreamSessionsPipeline());

  private PipelineCatalog() {}

  static List<BeamlinePipeline<?>> all() {
    return ALL;
  }

  static Optional<BeamlinePipeline<?>> find(String name) {
    return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
  }
}
