package dev.firebreak.starter.api;

/**
 * A refusal the caller should see as {@code {"error": code, "message": message}} with the status.
 * Messages are sentences a person can act on; they never carry internal details.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ApiError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  public static ApiError badRequest(String message) {
    return new ApiError(400, "bad_request", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
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
