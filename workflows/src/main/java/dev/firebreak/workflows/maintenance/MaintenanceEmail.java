package dev.firebreak.workflows.maintenance;

import java.util.List;

/**
 * A maintenance announcement by mail.
 *
 * @param key unique per window and announcement ({@code MW-…/announce-24h}): traces the mail and
 *     keeps a retried send to one mail
 */
public record MaintenanceEmail(
    String key, String windowId, List<String> to, String subject, String text) {}
