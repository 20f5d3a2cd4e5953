package dev.firebreak.workflows.incident;

import java.time.Duration;

/** What an incident ends with: its report and the two numbers teams track. */
public record IncidentOutcome(
    String id, Duration timeToAcknowledge, Duration timeToResolve, String postMortem) {}
