package dev.firebreak.workflows.diagnostics;

import java.time.Duration;
import java.util.List;

/**
 * @param nonCritical the endpoint's named sub-checks (such as {@code email}) whose failure is
 *     reported but does not make the service unhealthy; empty means every sub-check is critical
 */
public record HealthCheck(String service, String url, Duration timeout, List<String> nonCritical) {

  public HealthCheck {
    nonCritical = nonCritical == null ? List.of() : List.copyOf(nonCritical);
  }

  /** A check whose every sub-check is critical. */
  public HealthCheck(String service, String url, Duration timeout) {
    this(service, url, timeout, List.of());
  }
}
