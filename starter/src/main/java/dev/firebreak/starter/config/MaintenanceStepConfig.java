package dev.firebreak.starter.config;

import java.util.Map;

/**
 * A checklist line: an HTTP call ({@code http}) or a manual step ({@code manual}: what a person
 * must do, then confirm). Also the shape of the {@code steps} of {@code POST
 * /api/v1/maintenance-windows}, where a step with a name only refers to one of {@code
 * maintenance.steps}.
 */
public record MaintenanceStepConfig(String name, String manual, HttpCall http) {

  /**
   * The runbook's curl line. In the config, URL, headers and body may hold {@code ${ENV}}
   * references, expanded only when the call is made; in a request they are literal text.
   *
   * @param expectedStatus the status that means success; any 2xx when unset
   * @param timeout how long one attempt may take, 30 s when unset
   */
  public record HttpCall(
      String method,
      String url,
      Map<String, String> headers,
      String body,
      Integer expectedStatus,
      String timeout) {
    public HttpCall {
      method = method == null ? "POST" : method;
      headers = headers == null ? Map.of() : Map.copyOf(headers);
      expectedStatus = expectedStatus == null ? 0 : expectedStatus;
      timeout = timeout == null ? "30s" : timeout;
    }
  }
}
