package dev.firebreak.workflows.incident;

import java.util.List;

/**
 * One rung of the escalation chain. Targets carry their channel as a scheme, for example {@code
 * slack:U012AB3CD} or {@code pagerduty:ops}, so new paging providers need no model change.
 */
public record EscalationLevel(String name, List<String> targets) {}
