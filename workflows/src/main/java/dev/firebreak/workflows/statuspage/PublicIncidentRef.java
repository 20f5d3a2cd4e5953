package dev.firebreak.workflows.statuspage;

/** Statuspage's id of a public incident; {@code dryRun} when nothing was sent. */
public record PublicIncidentRef(String id, boolean dryRun) {}
