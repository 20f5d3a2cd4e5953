package dev.firebreak.workflows.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * A window as a person asking "where is it?" sees it: the state query's answer and the result.
 *
 * @param waitingFor the manual step waiting for confirmation, or null
 * @param incidentId the incident declared when a post-check failed, or null
 * @param outcome the latest sentence: how it ended, or why it stopped
 * @param silenceEnds until when alerts for its services are recorded instead of paging; null when
 *     they page (before the window runs, and once the silence is over)
 */
public record MaintenanceView(
    String id,
    String workflowId,
    String title,
    List<String> services,
    Instant start,
    Instant end,
    MaintenanceStatus status,
    String waitingFor,
    String incidentId,
    String requestedBy,
    String outcome,
    List<MaintenanceEntry> timeline,
    Instant silenceEnds) {}
