package dev.firebreak.starter.service;

/**
 * Why a service said no, whoever asked: the API answers it as {@code {"error": code, "message":
 * message}} with the status, Slack and the CLI show the message. Messages are sentences a person
 * can act on; they never carry internal details.
 */
public final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public Refusal(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static Refusal badRequest(String message) {
    return new Refusal(400, "bad_request", message);
  }

  public static Refusal notFound(String message) {
    return new Refusal(404, "not_found", message);
  }

  /**
   * An {@code Idempotency-Key} that came before with a different request: whether the earlier
   * request is remembered by the API or recorded in the workflow it started.
   */
  public static Refusal keyReused(String key) {
    return new Refusal(
        422,
        "idempotency_key_reused",
        "Idempotency-Key '"
            + key
            + "' was already used with a "
            + "different request; send a new key for a new request, or the same body to retry the first one.");
  }

  /** Whether the request itself was wrong (not the time, not Temporal): the asker can fix it. */
  public boolean isBadRequest() {
    return status == 400;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public ErrorBody body() {
    return new ErrorBody(code, getMessage());
  }

  public record ErrorBody(String error, String message) {}
}
