package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import java.time.Instant;
import java.util.List;

/**
 * Everything an incident has been through, carried across continue-as-new. Instants are the
 * workflow clock's; deadlines that are not running are null. {@code publicIncident} and
 * {@code publicStatus} are the public status page's incident and the status last posted to it.
 * {@code alerts} counts the alert deliveries of an incident an alert opened; null for others.
 */
public record IncidentProgress(
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
    AlertTally alerts) {}
