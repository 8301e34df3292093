package dev.beamline.transforms.parse;

import java.io.Serializable;

/** Turns one line of input into a record, or says why it cannot. Must be stateless and thread-safe. */
@FunctionalInterface
public interface LineParser<T> extends Serializable {
  T parse(String line) throws InvalidRecordException;
}
