package dev.beamline.transforms.clean;

import dev.beamline.transforms.parse.InvalidRecordException;
import java.io.Serializable;

/**
 * A caller's rule for reading one field's text, used through {@link Conversion#custom}: returns
 * the value (a canonical form, if the field has several spellings) or throws an {@link
 * InvalidRecordException} whose message completes "field 'x' ...", e.g. {@code is not an IPv4 or
 * IPv6 address: "10.0.0.256"}. Must be stateless and thread-safe; it is serialized with the
 * pipeline, so prefer a method reference to a static method or an enum.
 */
@FunctionalInterface
public interface TextConverter extends Serializable {
  Object convert(String text) throws InvalidRecordException;
}
