package dev.firebreak.workflows.notify;

import java.time.Instant;

/**
 * Everything the one incident message shows. The chat implementation decides the layout (Block Kit
 * for Slack); the workflow only says what is true now.
 *
 * @param key stable per incident: a retried post finds the message it already made by this key
 * @param rollbackSuggestion the assessment's suggestion to roll the service back, in words; null
 *     when there is none (the message then offers no Roll back button)
 */
public record IncidentCard(
    String key,
    String channel,
    String incidentId,
    String title,
    String severity,
    String status,
    String service,
    String commander,
    String acknowledgedBy,
    String latestUpdate,
    Instant declaredAt,
    String rollbackSuggestion) {}
