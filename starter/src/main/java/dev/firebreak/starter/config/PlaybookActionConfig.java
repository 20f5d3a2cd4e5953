package dev.firebreak.starter.config;

import java.util.List;
import java.util.Map;

/**
 * One executable resolution step of a playbook. Which fields apply depends on {@code kind}:
 *
 * <ul>
 *   <li>{@code env}: {@code service}, {@code set} and/or {@code unset}, then a redeploy;
 *   <li>{@code restart}, {@code scale} ({@code instances}), {@code redeploy}, {@code rollback}:
 *       {@code service};
 *   <li>{@code replay-webhooks}: {@code job} (a {@code webhook-retry} job) and {@code eventIds} or
 *       {@code timeRange};
 *   <li>{@code job}: {@code job}, and in {@code with} values for the parameters that job declares;
 *   <li>{@code http}: the call in {@code http}.
 * </ul>
 *
 * String values may name a parameter as {@code {{name}}}.
 *
 * @param roles the API roles that may run it; responder and admin when unset
 * @param approval another person must approve each run; none when unset
 * @param confirm the question the Slack button asks first
 * @param verify health checks (service names) or probes of this playbook that must pass after it
 * @param undo the action of this playbook that reverts this one
 */
public record PlaybookActionConfig(
    String name,
    String title,
    String kind,
    String service,
    List<String> roles,
    Approval approval,
    String confirm,
    List<Parameter> parameters,
    Map<String, String> set,
    List<String> unset,
    String instances,
    String job,
    String eventIds,
    String timeRange,
    Map<String, String> with,
    MaintenanceStepConfig.HttpCall http,
    List<String> verify,
    String undo) {

  public PlaybookActionConfig {
    roles = roles == null || roles.isEmpty() ? List.of("responder", "admin") : List.copyOf(roles);
    parameters = ConfigShape.listOf(parameters);
    set = set == null ? Map.of() : Map.copyOf(set);
    unset = ConfigShape.listOf(unset);
    with = with == null ? Map.of() : Map.copyOf(with);
    verify = ConfigShape.listOf(verify);
  }

  /**
   * @param roles the API roles that may approve; any role that may run the action when unset
   * @param expiresAfter how long a request waits for an answer; 30m when unset
   */
  public record Approval(List<String> roles, String expiresAfter) {
    public Approval {
      roles = ConfigShape.listOf(roles);
      expiresAfter = expiresAfter == null ? "30m" : expiresAfter;
    }
  }

  /**
   * A value the caller fills in.
   *
   * @param type {@code string}, {@code integer}, {@code list} (comma-separated) or {@code
   *     time-range} ({@code <from>/<to>} ISO-8601 instants); string when unset
   * @param required whether it must be given; true unless it has a {@code defaultValue}
   * @param pattern a regular expression the whole value (each element of a list) must match
   * @param min the smallest integer accepted
   * @param max the largest integer accepted, or the longest time range in seconds
   */
  public record Parameter(
      String name,
      String type,
      Boolean required,
      String pattern,
      Long min,
      Long max,
      String defaultValue,
      String description) {

    public Parameter {
      type = type == null ? "string" : type;
      required = required == null ? defaultValue == null : required;
    }
  }
}
