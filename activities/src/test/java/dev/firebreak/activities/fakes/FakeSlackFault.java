package dev.firebreak.activities.fakes;

import java.time.Duration;

/** A way for the next calls of one Web API method to go wrong, as the real Slack sometimes does. */
public sealed interface FakeSlackFault {

  /**
   * HTTP 429 with {@code Retry-After} and the body Slack sends: {@code
   * {"ok":false,"error":"ratelimited"}}.
   */
  static FakeSlackFault rateLimited(Duration retryAfter) {
    return new RateLimited(retryAfter);
  }

  /** An HTTP 5xx from Slack's edge. */
  static FakeSlackFault serverError(int status) {
    return new ServerError(status);
  }

  /**
   * HTTP 200 with an HTML page, as a proxy or captive portal in front of Slack answers; nothing is
   * done.
   */
  static FakeSlackFault notJson() {
    return new NotJson();
  }

  /** HTTP 200 with {@code {"ok":false,"error":code}}, without doing anything. */
  static FakeSlackFault error(String code) {
    return new Error(code);
  }

  /**
   * The call is carried out, then the connection drops before the answer: the case retries must
   * survive.
   */
  static FakeSlackFault responseLost() {
    return new ResponseLost();
  }

  /** The call is carried out and answered only after {@code delay}, to trip client timeouts. */
  static FakeSlackFault slow(Duration delay) {
    return new Slow(delay);
  }

  /**
   * HTTP 200 with {@code ok:true} but without {@code field} (e.g. {@code channels}): a body trimmed
   * on its way.
   */
  static FakeSlackFault okWithout(String field) {
    return new OkWithout(field);
  }

  record OkWithout(String field) implements FakeSlackFault {}

  record RateLimited(Duration retryAfter) implements FakeSlackFault {}

  record ServerError(int status) implements FakeSlackFault {}

  record NotJson() implements FakeSlackFault {}

  record Error(String code) implements FakeSlackFault {}

  record ResponseLost() implements FakeSlackFault {}

  record Slow(Duration delay) implements FakeSlackFault {}
}
