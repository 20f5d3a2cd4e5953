package dev.firebreak.workflows.common;

import io.temporal.failure.ApplicationFailure;

/**
 * What actually went wrong under Temporal's wrapping: an activity failure wraps the attempt's
 * failure, which wraps the provider's. People want the provider's sentence, not the wrappers'.
 */
public final class RootCause {

  private RootCause() {}

  /**
   * The innermost failure's message, without the type prefix Temporal adds to application failures.
   */
  public static String message(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
  }
}
