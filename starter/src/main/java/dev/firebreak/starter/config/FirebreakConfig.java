package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One organisation's runbook as code: the parsed {@code firebreak.yaml}. Secrets stay as {@code
 * ${ENV}} references here; {@link SecretResolver} looks them up when the process wires itself.
 * Missing sections become empty (or, for {@code incident}, the runbook defaults) so callers never
 * check for null sections.
 *
 * @param heartbeatPingKey the project's ping key ({@code ${ENV}}): {@code /ping/<key>/<slug>} pings
 *     a heartbeat by its slug, as Healthchecks.io's slug URLs do; slug URLs are off when unset
 */
public record FirebreakConfig(
    String organisation,
    ApiConfig api,
    ProvidersConfig providers,
    Map<String, SeverityConfig> severities,
    EscalationConfig escalation,
    IncidentConfig incident,
    List<ServiceConfig> services,
    MaintenanceConfig maintenance,
    AlertsConfig alerts,
    List<JobConfig> jobs,
    HealthChecksConfig healthChecks,
    List<HeartbeatConfig> heartbeats,
    @Secret String heartbeatPingKey,
    List<PlaybookConfig> playbooks,
    OnCallConfig oncall,
    Map<String, EscalationConfig> escalationPolicies) {

  /** The policy the {@code escalation} block stands for. */
  public static final String DEFAULT_POLICY = "default";

  public FirebreakConfig {
    api = api == null ? new ApiConfig(null) : api;
    providers = providers == null ? ProvidersConfig.none() : providers;
    severities = severities == null ? Map.of() : Map.copyOf(severities);
    escalation = escalation == null ? new EscalationConfig(null, null) : escalation;
    incident = incident == null ? IncidentConfig.defaults() : incident;
    services = ConfigShape.listOf(services);
    maintenance = maintenance == null ? MaintenanceConfig.none() : maintenance;
    alerts = alerts == null ? AlertsConfig.defaults() : alerts;
    jobs = ConfigShape.listOf(jobs);
    healthChecks = healthChecks == null ? HealthChecksConfig.defaults() : healthChecks;
    heartbeats = ConfigShape.listOf(heartbeats);
    playbooks = ConfigShape.listOf(playbooks);
    oncall = oncall == null ? OnCallConfig.none() : oncall;
    escalationPolicies = escalationPolicies == null ? Map.of() : Map.copyOf(escalationPolicies);
  }

  /**
   * The escalation policy named {@code name}: one of {@code escalationPolicies}, or the {@code
   * escalation} block for {@code default} unless a policy of that name replaces it.
   */
  public Optional<EscalationConfig> escalationPolicy(String name) {
    EscalationConfig named = escalationPolicies.get(name);
    if (named == null && DEFAULT_POLICY.equals(name)) {
      return Optional.of(escalation);
    }
    return Optional.ofNullable(named);
  }

  public Optional<PlaybookConfig> playbook(String name) {
    return playbooks.stream().filter(p -> p != null && name.equals(p.name())).findFirst();
  }

  public Optional<ServiceConfig> service(String name) {
    return services.stream().filter(s -> s.name() != null && s.name().equals(name)).findFirst();
  }

  /**
   * The severity's response times: what the file says, with each missing field (or a missing
   * severity) taken from the runbook defaults, so a config only states where it differs.
   */
  public SeverityConfig severity(Severity severity) {
    SeverityConfig defaults = SeverityConfig.runbookDefault(severity);
    SeverityConfig declared = severities.get(severity.name());
    return declared == null ? defaults : declared.orElse(defaults);
  }

  /**
   * The same config with the URLs of its services and of its playbooks' probes expanded: the ones
   * dev mode points at itself.
   */
  FirebreakConfig withUrls(UnaryOperator<String> expand) {
    return new FirebreakConfig(
        organisation,
        api,
        providers,
        severities,
        escalation,
        incident,
        services.stream().map(s -> s == null ? null : s.withUrls(expand)).toList(),
        maintenance,
        alerts,
        jobs,
        healthChecks,
        heartbeats,
        heartbeatPingKey,
        playbooks.stream().map(p -> p == null ? null : p.withUrls(expand)).toList(),
        oncall,
        escalationPolicies);
  }
}
