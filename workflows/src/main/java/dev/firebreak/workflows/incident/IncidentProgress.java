package dev.firebreak.workflows.incident;

import java.util.List;

/**
 * Everything an incident has been through, carried across continue-as-new: one record per runbook
 * step, each with its fresh value, plus the timeline and the alert tally. Instants are the workflow
 * clock's; deadlines that are not running are null. {@code alerts} counts the alert deliveries of
 * an incident an alert opened; null for others. {@code playbook} is null while the incident has
 * none. Runs continued by older code carry {@link LegacyProgress} instead.
 */
public record IncidentProgress(
    Lifecycle lifecycle,
    Escalation.State escalation,
    UpdateCadence.State updates,
    IncidentDiagnostics.State assessment,
    Monitoring.State monitoring,
    PostMortemReminders.State postMortem,
    ChatLane.State chat,
    PublicStatus.State publicPage,
    List<TimelineEntry> timeline,
    AlertTally alerts,
    IncidentPlaybook playbook) {

  /** Progress without a playbook, as runs before playbooks carried it. */
  public IncidentProgress(
      Lifecycle lifecycle,
      Escalation.State escalation,
      UpdateCadence.State updates,
      IncidentDiagnostics.State assessment,
      Monitoring.State monitoring,
      PostMortemReminders.State postMortem,
      ChatLane.State chat,
      PublicStatus.State publicPage,
      List<TimelineEntry> timeline,
      AlertTally alerts) {
    this(
        lifecycle,
        escalation,
        updates,
        assessment,
        monitoring,
        postMortem,
        chat,
        publicPage,
        timeline,
        alerts,
        null);
  }

  /**
   * A declared incident before anything happened to it; {@code declaration} carries its declaration
   * time.
   */
  static IncidentProgress fresh(Declaration declaration) {
    return new IncidentProgress(
        Lifecycle.fresh(declaration),
        Escalation.State.FRESH,
        UpdateCadence.State.fresh(declaration.declaredAt()),
        IncidentDiagnostics.State.FRESH,
        Monitoring.State.FRESH,
        PostMortemReminders.State.FRESH,
        ChatLane.State.FRESH,
        PublicStatus.State.FRESH,
        List.of(),
        null);
  }
}
