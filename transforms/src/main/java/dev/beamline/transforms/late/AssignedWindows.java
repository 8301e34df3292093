package dev.beamline.transforms.late;

import java.util.Collection;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.joda.time.Instant;

/** The windows a {@link WindowFn} assigns to an element at a time, outside a Window.into step. */
final class AssignedWindows {
  private AssignedWindows() {}

  static Collection<BoundedWindow> of(WindowFn<Object, BoundedWindow> windowFn, Object element,
      Instant timestamp) throws Exception {
    return windowFn.assignWindows(windowFn.new AssignContext() {
      @Override
      public Object element() {
        return element;
      }

      @Override
      public Instant timestamp() {
        return timestamp;
      }

      @Override
      public BoundedWindow window() {
        return GlobalWindow.INSTANCE;
      }
    });
  }
}
