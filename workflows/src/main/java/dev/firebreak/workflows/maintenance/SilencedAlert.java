package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.incident.AlertReceived;
import java.time.Instant;

/**
 * An alert (or a heartbeat's missing ping) for a service under maintenance: recorded on the
 * window's timeline instead of paging.
 *
 * @param incidentId the incident the alert would have declared, and declares if it still fires when
 *     the silence ends
 * @param declaredBySender true when the sender declares by itself once the silence is over (a
 *     heartbeat waits for the silence's end and looks again); the window only records it
 */
public record SilencedAlert(
    String incidentId, String service, Instant at, AlertReceived alert, boolean declaredBySender) {}
