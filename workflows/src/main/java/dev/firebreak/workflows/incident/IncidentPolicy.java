package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.playbook.PlaybookSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The slice of the runbook (firebreak.yaml) an incident runs by, captured when it is declared so a
 * config change never alters a running incident's history.
 *
 * @param escalationRounds how many times the whole chain is walked before escalation gives up
 * @param recentDeployWindow deploys younger than this make the assessment suggest a rollback
 * @param historyEventLimit continue-as-new once the history has this many events (the server also
 *     suggests it at 4,096 events or 4 MB)
 * @param searchAttributes whether the server has Firebreak's search attributes registered
 * @param playbook the playbook the incident follows from its declaration (it matched, or the
 *     declaration named it); null for none
 */
public record IncidentPolicy(
    String channel,
    Map<Severity, SeverityPolicy> severities,
    List<EscalationLevel> escalation,
    int escalationRounds,
    List<ServiceTarget> services,
    Duration monitoringPeriod,
    Duration monitoringCheckInterval,
    Duration postMortemReminderInterval,
    Duration recentDeployWindow,
    int historyEventLimit,
    boolean searchAttributes,
    PlaybookSpec playbook) {

  /** A policy with no playbook, as incidents were declared before playbooks. */
  public IncidentPolicy(
      String channel,
      Map<Severity, SeverityPolicy> severities,
      List<EscalationLevel> escalation,
      int escalationRounds,
      List<ServiceTarget> services,
      Duration monitoringPeriod,
      Duration monitoringCheckInterval,
      Duration postMortemReminderInterval,
      Duration recentDeployWindow,
      int historyEventLimit,
      boolean searchAttributes) {
    this(
        channel,
        severities,
        escalation,
        escalationRounds,
        services,
        monitoringPeriod,
        monitoringCheckInterval,
        postMortemReminderInterval,
        recentDeployWindow,
        historyEventLimit,
        searchAttributes,
        null);
  }

  /** The same policy for an incident that follows this playbook from its declaration. */
  public IncidentPolicy withPlaybook(PlaybookSpec matched) {
    return new IncidentPolicy(
        channel,
        severities,
        escalation,
        escalationRounds,
        services,
        monitoringPeriod,
        monitoringCheckInterval,
        postMortemReminderInterval,
        recentDeployWindow,
        historyEventLimit,
        searchAttributes,
        matched);
  }

  public SeverityPolicy forSeverity(Severity severity) {
    SeverityPolicy policy = severities.get(severity);
    if (policy == null) {
      throw new IllegalArgumentException("no policy for severity " + severity);
    }
    return policy;
  }
}
