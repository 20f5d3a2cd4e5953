package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.oncall.BusinessHours;
import dev.firebreak.workflows.oncall.Holidays;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The Recoup runbook's numbers as a policy, for workflow tests. */
public final class IncidentPolicies {

  private IncidentPolicies() {}

  public static IncidentPolicy recoup() {
    return recoup(2000);
  }

  public static IncidentPolicy recoup(int historyEventLimit) {
    Map<Severity, SeverityPolicy> severities = new EnumMap<>(Severity.class);
    severities.put(
        Severity.P0,
        new SeverityPolicy(
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(48), true));
    severities.put(
        Severity.P1,
        new SeverityPolicy(
            Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofHours(48), true));
    severities.put(
        Severity.P2,
        new SeverityPolicy(
            Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofDays(5), true));
    severities.put(
        Severity.P3,
        new SeverityPolicy(Duration.ofHours(2), Duration.ofHours(2), Duration.ofDays(14), true));
    severities.put(
        Severity.P4,
        new SeverityPolicy(Duration.ofHours(24), Duration.ofHours(24), Duration.ofDays(30), false));
    return new IncidentPolicy(
        "#incidents",
        severities,
        List.of(
            new EscalationLevel("primary", List.of("slack:U0PRIMARY")),
            new EscalationLevel("secondary", List.of("slack:U0SECONDARY")),
            new EscalationLevel("escalation", List.of("slack:U0MANAGER"))),
        2,
        List.of(
            new ServiceTarget(
                "recoup-backend",
                "http://127.0.0.1:9/health",
                List.of(new ServiceTarget.Dependency("stripe", "http://127.0.0.1:9/stripe")),
                "render",
                "srv-backend")),
        Duration.ofMinutes(15),
        Duration.ofMinutes(1),
        Duration.ofHours(12),
        Duration.ofHours(2),
        historyEventLimit,
        false);
  }

  /**
   * Recoup's numbers with the provider integrations in play: PagerDuty and SMS in the escalation
   * chain, P1 shown on the public status page with major impact, the backend's Statuspage component
   * and Sentry project.
   */
  public static IncidentPolicy recoupWithProviders() {
    IncidentPolicy recoup = recoup();
    Map<Severity, SeverityPolicy> severities = new EnumMap<>(recoup.severities());
    SeverityPolicy p1 = recoup.forSeverity(Severity.P1);
    severities.put(
        Severity.P1,
        new SeverityPolicy(
            p1.ackTimeout(), p1.updateInterval(), p1.postMortemDue(), true, "major"));
    ServiceTarget backend = recoup.services().get(0);
    return new IncidentPolicy(
        recoup.channel(),
        severities,
        List.of(
            new EscalationLevel("primary", List.of("slack:U0PRIMARY", "pagerduty:recoup-primary")),
            new EscalationLevel("secondary", List.of("sms:+15550101", "pagerduty:recoup-primary"))),
        1,
        List.of(
            new ServiceTarget(
                backend.name(),
                backend.healthUrl(),
                backend.dependencies(),
                backend.platform(),
                backend.platformId(),
                "cmp-backend",
                "4501")),
        recoup.monitoringPeriod(),
        recoup.monitoringCheckInterval(),
        recoup.postMortemReminderInterval(),
        recoup.recentDeployWindow(),
        recoup.historyEventLimit(),
        false);
  }

  /**
   * Recoup's numbers with the backend's health endpoint at {@code healthUrl}, for tests against a
   * real endpoint.
   */
  public static IncidentPolicy recoupCheckingHealthAt(String healthUrl) {
    IncidentPolicy recoup = recoup();
    ServiceTarget backend = recoup.services().get(0);
    return new IncidentPolicy(
        recoup.channel(),
        recoup.severities(),
        recoup.escalation(),
        recoup.escalationRounds(),
        List.of(
            new ServiceTarget(
                backend.name(), healthUrl, List.of(), backend.platform(), backend.platformId())),
        recoup.monitoringPeriod(),
        recoup.monitoringCheckInterval(),
        recoup.postMortemReminderInterval(),
        recoup.recentDeployWindow(),
        recoup.historyEventLimit(),
        recoup.searchAttributes());
  }

  public static Declaration declaration(String id, Severity severity) {
    return new Declaration(
        id,
        "Checkout returns 500",
        severity,
        "recoup-backend",
        "Stripe webhooks failing",
        null,
        "alice",
        (Instant) null);
  }

  /**
   * Recoup's numbers with the runbook's escalation policy: primary at once, the lead after 15
   * minutes (the severity's ack timeout before the primary again), the CTO by phone after an hour
   * for critical incidents only; two rounds.
   */
  public static IncidentPolicy recoupWithPolicy() {
    IncidentPolicy recoup = recoup();
    return new IncidentPolicy(
        recoup.channel(),
        recoup.severities(),
        List.of(
            new EscalationLevel("primary", List.of("slack:U0PRIMARY"), null, null),
            new EscalationLevel("lead", List.of("slack:U0LEAD"), Duration.ofMinutes(15), null),
            new EscalationLevel(
                "cto", List.of("call:+15550100"), Duration.ofHours(1), List.of(Severity.P0))),
        2,
        recoup.services(),
        recoup.monitoringPeriod(),
        recoup.monitoringCheckInterval(),
        recoup.postMortemReminderInterval(),
        recoup.recentDeployWindow(),
        recoup.historyEventLimit(),
        recoup.searchAttributes());
  }

  /**
   * Recoup's numbers with the primary on-call schedule as the first level, paged at once, and the
   * lead after 15 minutes; two rounds.
   */
  public static IncidentPolicy recoupWithSchedule() {
    return withEscalation(
        recoup(),
        List.of(
            new EscalationLevel("Primary", List.of("schedule:primary")),
            new EscalationLevel("Lead", List.of("slack:U0LEAD"), Duration.ofMinutes(15), null)));
  }

  /** {@code policy} with {@code levels} as its escalation chain. */
  public static IncidentPolicy withEscalation(IncidentPolicy policy, List<EscalationLevel> levels) {
    return with(policy, policy.severities(), levels);
  }

  /** Recoup's numbers, with Firebreak's search attributes registered on the server. */
  public static IncidentPolicy recoupWithSearchAttributes() {
    IncidentPolicy recoup = recoup();
    return with(recoup, recoup.severities(), recoup.escalation(), true);
  }

  private static IncidentPolicy with(
      IncidentPolicy policy,
      Map<Severity, SeverityPolicy> severities,
      List<EscalationLevel> levels) {
    return with(policy, severities, levels, policy.searchAttributes());
  }

  private static IncidentPolicy with(
      IncidentPolicy policy,
      Map<Severity, SeverityPolicy> severities,
      List<EscalationLevel> levels,
      boolean searchAttributes) {
    return new IncidentPolicy(
        policy.channel(),
        severities,
        levels,
        policy.escalationRounds(),
        policy.services(),
        policy.monitoringPeriod(),
        policy.monitoringCheckInterval(),
        policy.postMortemReminderInterval(),
        policy.recentDeployWindow(),
        policy.historyEventLimit(),
        searchAttributes);
  }

  /**
   * Recoup's numbers with P3 paging only in business hours: Monday to Friday, 09:00 to 17:00 in
   * London, except on {@code holidays}.
   */
  public static IncidentPolicy recoupWithBusinessHours(Set<LocalDate> holidays) {
    IncidentPolicy recoup = recoup();
    Map<Severity, SeverityPolicy> severities = new EnumMap<>(recoup.severities());
    SeverityPolicy p3 = recoup.forSeverity(Severity.P3);
    severities.put(
        Severity.P3,
        new SeverityPolicy(
            p3.ackTimeout(),
            p3.updateInterval(),
            p3.postMortemDue(),
            true,
            null,
            new BusinessHours(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
                LocalTime.of(9, 0),
                LocalTime.of(17, 0),
                "Europe/London",
                new Holidays(holidays))));
    return with(recoup, severities, recoup.escalation());
  }
}
