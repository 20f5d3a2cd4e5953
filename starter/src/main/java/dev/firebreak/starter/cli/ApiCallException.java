package dev.firebreak.starter.cli;

/** The API refused or could not be reached; the message is what the user is shown. */
final class ApiCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ApiCallException(String message) {
    super(message);
  }
}
