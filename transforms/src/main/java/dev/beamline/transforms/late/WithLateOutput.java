package dev.beamline.transforms.late;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The output of a transform that gives droppably-late data its own collection: a main collection
 * and {@link #late()}. Subclasses name the main one ({@code accepted()}, {@code results()}).
 */
abstract class WithLateOutput<MainT, LateT> implements POutput {
  private final Pipeline pipeline;
  private final TupleTag<MainT> mainTag;
  private final PCollection<MainT> main;
  private final TupleTag<LateElement<LateT>> lateTag;
  private final PCollection<LateElement<LateT>> late;

  WithLateOutput(Pipeline pipeline, TupleTag<MainT> mainTag, PCollection<MainT> main,
      TupleTag<LateElement<LateT>> lateTag, PCollection<LateElement<LateT>> late) {
    this.pipeline = pipeline;
    this.mainTag = mainTag;
    this.main = main;
    this.lateTag = lateTag;
    this.late = late;
  }

  PCollection<MainT> main() {
    return main;
  }

  /** Droppably-late elements with the window each missed, in the global window. */
  public PCollection<LateElement<LateT>> late() {
    return late;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(mainTag, main, lateTag, late);
  }

  @Override
  public void finishSpecifyingOutput(String transformName, PInput input,
      PTransform<?, ?> transform) {}
}
