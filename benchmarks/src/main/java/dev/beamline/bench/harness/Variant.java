package dev.beamline.bench.harness;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One way of running sensor-stats. Beam variants run the bundle through {@code ./beamline run},
 * exactly as a user does; native variants run a main class of this module in a JVM with the same
 * heap limit and module flags.
 */
enum Variant {
  BEAM_DIRECT("beam-direct", "Beamline on DirectRunner", Kind.BEAM, "direct", false),
  BEAM_FLINK_BATCH("beam-flink-batch", "Beamline on FlinkRunner, batch", Kind.BEAM, "flink-local", false),
  BEAM_FLINK_STREAMING("beam-flink-streaming", "Beamline on FlinkRunner, streaming", Kind.BEAM, "flink-local", true),
  BEAM_SPARK("beam-spark", "Beamline on SparkRunner local[2]", Kind.BEAM, "spark-local", false),
  NATIVE_FLINK_STREAMING("flink-native-streaming", "native Flink DataStream, STREAMING", Kind.NATIVE_FLINK, "STREAMING", true),
  NATIVE_FLINK_BATCH("flink-native-batch", "native Flink DataStream, BATCH", Kind.NATIVE_FLINK, "BATCH", false),
  PLAIN_JAVA("plain-java", "plain Java, 1 thread", Kind.PLAIN, "", false);

  enum Kind { BEAM, NATIVE_FLINK, PLAIN }

  final String id;
  final String label;
  final Kind kind;
  final String mode;
  final boolean streaming;

  Variant(String id, String label, Kind kind, String mode, boolean streaming) {
    this.id = id;
    this.label = label;
    this.kind = kind;
    this.mode = mode;
    this.streaming = streaming;
  }

  static Variant byId(String id) {
    for (Variant v : values()) {
      if (v.id.equals(id)) {
        return v;
      }
    }
    throw new IllegalArgumentException("unknown variant '" + id + "'; variants: " + ids());
  }

  static String ids() {
    List<String> ids = new ArrayList<>();
    for (Variant v : values()) {
      ids.add(v.id);
    }
    return String.join(", ", ids);
  }

  /** The child's command line; its results go to {@code out/results}. */
  List<String> command(Environment env, Workload w, Path out) {
    List<String> cmd = new ArrayList<>();
    Path results = out.resolve("results");
    switch (kind) {
      case BEAM:
        cmd.add(env.home.resolve("beamline").toString());
        cmd.addAll(List.of("run", "sensor-stats", "--profile=" + mode,
            "--input=" + w.input().resolve("*.jsonl"), "--output=" + results,
            "--deadLetters=" + out.resolve("dead-letters")));
        cmd.addAll(List.of(w.windowFlags().split(" ")));
        if (streaming) {
          cmd.add("--streaming=true");
        }
        cmd.addAll(env.extraBeamFlags);
        return cmd;
      case NATIVE_FLINK:
        cmd.addAll(env.javaCommand(env.nativeJvmFlags));
        cmd.addAll(List.of("dev.beamline.bench.flink.NativeFlinkSensorStats", "--mode", mode,
            "--parallelism", "2"));
        break;
      case PLAIN:
        cmd.addAll(env.javaCommand(env.nativeJvmFlags));
        cmd.add("dev.beamline.bench.plain.PlainJavaSensorStats");
        break;
      default:
        throw new AssertionError(kind);
    }
    cmd.addAll(List.of("--input", w.input().toString(), "--output", results.toString(),
        "--windowSizeMillis", Long.toString(w.windowSizeMillis()),
        "--windowSlideMillis", Long.toString(w.windowSlideMillis()),
        "--maxDisorderMillis", Long.toString(w.maxDisorderMillis())));
    return cmd;
  }
}
