package dev.firebreak.starter.config;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A service the runbook covers.
 *
 * @param platform where it is deployed ({@code vercel} or {@code render}); optional
 * @param platformId the platform's id for it (Vercel project id, Render {@code srv-...} id)
 * @param statusPageComponent the Statuspage component that shows it; optional
 * @param sentryProject the numeric id of its Sentry project, whose errors the assessment counts;
 *     optional
 * @param rollback who may roll it back, whether that needs approval, and how long each step may
 *     take
 * @param checks the health endpoint's named sub-checks, by name, when one is not critical: {@code
 *     email: { critical: false }} reports a failing email check without refusing a resolve
 * @param policy the escalation policy its incidents page by; wins over the severity's policy
 */
public record ServiceConfig(
    String name,
    String healthUrl,
    String platform,
    String platformId,
    String statusPageComponent,
    List<Dependency> dependencies,
    String sentryProject,
    RollbackConfig rollback,
    Map<String, ServiceCheckConfig> checks,
    String policy) {

  public ServiceConfig {
    dependencies = ConfigShape.listOf(dependencies);
    rollback = rollback == null ? RollbackConfig.defaults() : rollback;
    checks = checks == null ? Map.of() : Map.copyOf(checks);
  }

  /** The sub-checks configured as not critical, in name order. */
  public List<String> nonCriticalChecks() {
    return checks.entrySet().stream()
        .filter(check -> check.getValue() != null && !check.getValue().critical())
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  ServiceConfig withUrls(UnaryOperator<String> expand) {
    return new ServiceConfig(
        name,
        expand.apply(healthUrl),
        platform,
        platformId,
        statusPageComponent,
        dependencies.stream()
            .map(d -> d == null ? null : new Dependency(d.name(), expand.apply(d.statusPage())))
            .toList(),
        sentryProject,
        rollback,
        checks,
        policy);
  }

  /** A third party the service needs, with its public (Statuspage-format) status page. */
  public record Dependency(String name, String statusPage) {}
}
