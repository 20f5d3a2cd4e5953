package dev.firebreak.workflows.notify;

import java.util.List;

/**
 * An incident's acknowledgement or resolution, for the paging providers that were asked to page.
 *
 * @param targets every target the escalation chain may have paged; providers act on their own
 *     scheme's targets and ignore the rest
 */
public record PageFollowUp(String incidentId, String by, List<String> targets) {}
