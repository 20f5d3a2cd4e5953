package dev.firebreak.workflows.incident;

import java.time.Instant;
import java.util.List;

/**
 * What a person asking "where are we?" gets: the answer to the state query and to every command.
 *
 * @param playbook the playbook the incident follows, with its checklist; null while it has none
 */
public record IncidentView(
    String id,
    String title,
    Severity severity,
    String service,
    IncidentStatus status,
    String commander,
    String declaredBy,
    Instant declaredAt,
    String acknowledgedBy,
    Instant acknowledgedAt,
    Instant resolvedAt,
    Instant closedAt,
    String latestUpdate,
    int escalationLevel,
    int escalationRound,
    List<Suggestion> suggestions,
    List<Mitigation> mitigations,
    List<TimelineEntry> timeline,
    AlertTally alerts,
    PlaybookView playbook) {}
