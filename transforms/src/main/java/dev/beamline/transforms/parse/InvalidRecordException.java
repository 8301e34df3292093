package dev.beamline.transforms.parse;

/**
 * Thrown by a {@link LineParser} when a line is not a valid record; the message is the reason a
 * user reads in the dead letter. Carries no stack trace: it is control flow on a hot path, and a
 * bad line is an expected input, not a bug.
 */
public final class InvalidRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidRecordException(String reason) {
    super(reason, null, false, false);
  }
}
