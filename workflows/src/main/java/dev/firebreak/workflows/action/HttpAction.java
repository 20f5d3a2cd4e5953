package dev.firebreak.workflows.action;

import java.time.Duration;
import java.util.Map;

/**
 * One line of a runbook that is a curl: configured mitigations, maintenance steps and jobs run it.
 *
 * <p>Only a call the operator wrote in firebreak.yaml ({@code fromConfig}) may hold {@code
 * ${ENV_VAR}} references, and they are expanded only inside the activity, so secrets never enter
 * workflow history. A call that arrived over the API or Slack is sent exactly as written: {@code
 * ${…}} in it is literal text, because expanding it would let whoever sent it choose where the
 * worker's secrets go.
 *
 * @param expectedStatus the status that means success; 0 accepts any 2xx
 * @param fromConfig the operator wrote it in the config, so the worker may expand its references;
 *     false (what a history from before this field reads as) sends the text unexpanded
 */
public record HttpAction(
    String name,
    String method,
    String url,
    Map<String, String> headers,
    String body,
    int expectedStatus,
    Duration timeout,
    boolean fromConfig) {

  /** A call as a request wrote it (an admin's ad-hoc step): sent as it is, never expanded. */
  public HttpAction(
      String name,
      String method,
      String url,
      Map<String, String> headers,
      String body,
      int expectedStatus,
      Duration timeout) {
    this(name, method, url, headers, body, expectedStatus, timeout, false);
  }

  /**
   * A call written in firebreak.yaml: its {@code ${ENV}} references are expanded when it is made.
   */
  public static HttpAction configured(
      String name,
      String method,
      String url,
      Map<String, String> headers,
      String body,
      int expectedStatus,
      Duration timeout) {
    return new HttpAction(name, method, url, headers, body, expectedStatus, timeout, true);
  }
}
