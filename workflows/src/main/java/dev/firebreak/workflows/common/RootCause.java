package dev.firebreak.workflows.common;

import io.temporal.failure.ApplicationFailure;

/**
 * What a person should read from a failure that arrives wrapped (activity → application failure,
 * child workflow → its own failure): the innermost message, without the SDK's decoration.
 */
public final class RootCause {

  private RootCause() {}

  public static String message(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure app ? app.getOriginalMessage() : cause.getMessage();
  }
}
