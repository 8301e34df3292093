package dev.beamline.launcher;

import dev.beamline.pipelines.LocalPath;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Paths;
import org.apache.beam.sdk.options.PipelineOptions;

/** Makes every {@link LocalPath} option of a pipeline absolute (see there for why). */
final class LocalPaths {
  private LocalPaths() {}

  static void absolutize(PipelineOptions options, Class<? extends PipelineOptions> optionsClass) {
    for (Method getter : optionsClass.getMethods()) {
      if (getter.getAnnotation(LocalPath.class) == null || getter.getParameterCount() != 0
          || getter.getReturnType() != String.class) {
        continue;
      }
      try {
        @SuppressWarnings("unchecked")
        Class<? extends PipelineOptions> iface = (Class<? extends PipelineOptions>) getter.getDeclaringClass();
        PipelineOptions view = options.as(iface);
        String value = (String) getter.invoke(view);
        String absolute = absolute(value);
        if (absolute != null && !absolute.equals(value)) {
          Method setter = iface.getMethod("set" + getter.getName().substring(3), String.class);
          setter.invoke(view, absolute);
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot resolve path option " + getter.getName(),
            e instanceof InvocationTargetException ? e.getCause() : e);
      }
    }
  }

  static String absolute(String value) {
    if (value == null || value.isBlank() || value.contains(":")) {
      return value;
    }
    return Paths.get(value).toAbsolutePath().normalize().toString();
  }
}
