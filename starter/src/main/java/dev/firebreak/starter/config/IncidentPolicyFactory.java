package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.IncidentPolicy;
import dev.firebreak.workflows.incident.ServiceTarget;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.incident.SeverityPolicy;
import dev.firebreak.workflows.oncall.BusinessHours;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Captures the slice of a validated config an incident on one service runs by. */
public final class IncidentPolicyFactory {

  public static final String DEFAULT_CHANNEL = "#incidents";

  private final FirebreakConfig config;
  private final boolean searchAttributes;

  /**
   * The business hours business-hours-only severities wait for; null when no severity is (then the
   * holidays' iCalendar file is never read).
   */
  private final BusinessHours businessHours;

  /** Today, for the holidays an incident declared now can meet. */
  private final Clock clock;

  /**
   * @param searchAttributes whether the Temporal server has Firebreak's search attributes
   *     registered
   */
  public IncidentPolicyFactory(FirebreakConfig config, boolean searchAttributes) {
    this(config, searchAttributes, Clock.systemUTC());
  }

  public IncidentPolicyFactory(FirebreakConfig config, boolean searchAttributes, Clock clock) {
    this.config = config;
    this.searchAttributes = searchAttributes;
    this.clock = clock;
    boolean anyBusinessHoursOnly =
        Arrays.stream(Severity.values())
            .anyMatch(s -> Boolean.TRUE.equals(config.severity(s).businessHoursOnly()));
    this.businessHours =
        anyBusinessHoursOnly ? OnCallSpecs.businessHours(config.oncall()).orElse(null) : null;
  }

  /**
   * Whether the Temporal server has Firebreak's search attributes registered, so lists may query
   * them.
   */
  public boolean searchAttributes() {
    return searchAttributes;
  }

  public IncidentPolicy forService(String serviceName) {
    return forService(serviceName, channel(), null);
  }

  /**
   * The policy of an incident declared by hand at {@code severity}: like {@link
   * #forService(String)}, with the severity's escalation policy when the service names none.
   */
  public IncidentPolicy forService(String serviceName, Severity severity) {
    return forService(serviceName, channel(), severity);
  }

  /**
   * The policy of an incident an alert declares: it talks in the channel {@code alerts.channels}
   * routes its severity to, so the on-call engineer watching that channel sees it; in the main
   * channel when the severity has no route.
   */
  public IncidentPolicy forAlert(String serviceName, Severity severity) {
    String routed = config.alerts().channels().get(severity.name());
    return forService(serviceName, routed == null ? channel() : routed, severity);
  }

  private IncidentPolicy forService(String serviceName, String channel, Severity declared) {
    ServiceConfig service =
        config
            .service(serviceName)
            .orElseThrow(
                () -> new IllegalArgumentException("no service named '" + serviceName + "'"));
    BusinessHours hours =
        businessHours == null ? null : businessHours.withHolidaysFrom(LocalDate.now(clock));
    Map<Severity, SeverityPolicy> severities = new EnumMap<>(Severity.class);
    for (Severity severity : Severity.values()) {
      severities.put(severity, config.severity(severity).toPolicy(hours));
    }
    IncidentConfig incident = config.incident();
    EscalationConfig chain = escalationPolicy(service, declared);
    return new IncidentPolicy(
        channel,
        Map.copyOf(severities),
        chain.levels().stream().map(EscalationConfig.Level::toLevel).toList(),
        chain.rounds(),
        List.of(target(service)),
        DurationText.require(incident.monitoringPeriod()),
        DurationText.require(incident.monitoringCheckInterval()),
        DurationText.require(incident.postMortemReminderInterval()),
        DurationText.require(incident.recentDeployWindow()),
        incident.historyEventLimit(),
        searchAttributes);
  }

  /**
   * Where Firebreak talks: the configured Slack channel, {@value #DEFAULT_CHANNEL} when there is
   * none.
   */
  public String channel() {
    ProvidersConfig.SlackProvider slack = config.providers().slack();
    return slack == null || slack.channel() == null || slack.channel().isBlank()
        ? DEFAULT_CHANNEL
        : slack.channel();
  }

  private static ServiceTarget target(ServiceConfig service) {
    return new ServiceTarget(
        service.name(),
        service.healthUrl(),
        service.dependencies().stream()
            .map(d -> new ServiceTarget.Dependency(d.name(), d.statusPage()))
            .toList(),
        service.platform(),
        service.platformId(),
        service.statusPageComponent(),
        service.sentryProject(),
        service.nonCriticalChecks());
  }

  /**
   * The service's policy wins over the severity's: a service with its own on-call team is paged by
   * it whatever the severity. Neither naming one means the {@code default} policy (the {@code
   * escalation} block). The severity is the one at declaration; the policy is captured then.
   */
  private EscalationConfig escalationPolicy(ServiceConfig service, Severity severity) {
    String name = service.policy();
    if (name == null && severity != null) {
      name = config.severity(severity).policy();
    }
    String chosen = name == null ? FirebreakConfig.DEFAULT_POLICY : name;
    return config
        .escalationPolicy(chosen)
        .orElseThrow(
            () -> new IllegalArgumentException("no escalation policy named '" + chosen + "'"));
  }
}
