package dev.beamline.launcher;

/** A user mistake (unknown pipeline, bad flag, missing input): one line on stderr, exit code 2. */
final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message, null, false, false);
  }
}
