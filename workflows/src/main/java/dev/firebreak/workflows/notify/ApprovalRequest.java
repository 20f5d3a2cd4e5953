package dev.firebreak.workflows.notify;

/**
 * A question only a person may answer, posted with Approve and Refuse buttons (a rollback that the
 * service's policy says someone else must approve).
 *
 * @param key stable per question: a retried post finds the message it already made
 * @param incidentId the incident it belongs to, or null
 * @param subjectId what the buttons decide on (the rollback id); their value
 * @param text the question, plain text whose only markup is {@code *bold*}: the chat provider
 *     escapes it whole, because the requester's reason is in it
 */
public record ApprovalRequest(
    String key, String incidentId, String channel, String subjectId, String text) {}
