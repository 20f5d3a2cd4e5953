package dev.firebreak.workflows.common;

import io.temporal.failure.ApplicationFailure;

/** What actually went wrong inside Temporal's wrapping of a failure: the innermost cause's own message. */
public final class RootCause {

  private RootCause() {}

  /** For an {@link ApplicationFailure}, its original message, without the type and retry state Temporal appends. */
  public static String message(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
  }
}
