package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import java.time.Instant;
import java.util.List;

/**
 * The continue-as-new payload's shape before each runbook step had its own record: one flat list of
 * everything the incident had been through, under these property names (pinned by {@code
 * histories/continued-run.json}). Only read, from runs that older code continued as new; {@link
 * #upgrade()} turns it into today's {@link IncidentProgress}. It may go once no incident continued
 * by a release before IncidentProgress is still open.
 */
public record LegacyProgress(
    IncidentStatus status,
    Severity severity,
    String commander,
    MessageRef incidentMessage,
    String acknowledgedBy,
    Instant acknowledgedAt,
    int escalationLevel,
    int escalationRound,
    Instant nextEscalationAt,
    Instant lastUpdateAt,
    int missedUpdates,
    int updatesPosted,
    ResponderUpdate latestUpdate,
    boolean assessed,
    List<Suggestion> suggestions,
    List<Mitigation> mitigations,
    Instant resolvedAt,
    String resolvedBy,
    String resolutionSummary,
    Instant monitoringEndsAt,
    Instant nextHealthCheckAt,
    PostMortemInput postMortemInput,
    Instant postMortemPostedAt,
    Instant nextPostMortemReminderAt,
    int postMortemReminders,
    Instant closedAt,
    String reviewedBy,
    int messageCounter,
    List<TimelineEntry> timeline,
    PublicIncidentRef publicIncident,
    String publicStatus,
    AlertTally alerts) {

  IncidentProgress upgrade() {
    return new IncidentProgress(
        new Lifecycle(
            status,
            severity,
            commander,
            acknowledgedBy,
            acknowledgedAt,
            mitigations,
            resolvedAt,
            resolvedBy,
            resolutionSummary,
            reviewedBy,
            closedAt),
        new Escalation.State(escalationLevel, escalationRound, nextEscalationAt),
        new UpdateCadence.State(lastUpdateAt, missedUpdates, updatesPosted, latestUpdate),
        new IncidentDiagnostics.State(assessed, suggestions),
        new Monitoring.State(monitoringEndsAt, nextHealthCheckAt),
        new PostMortemReminders.State(
            postMortemInput, postMortemPostedAt, nextPostMortemReminderAt, postMortemReminders),
        new ChatLane.State(incidentMessage, messageCounter),
        new PublicStatus.State(publicIncident, publicStatus),
        timeline,
        alerts);
  }
}
