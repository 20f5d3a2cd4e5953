package dev.firebreak.workflows.diagnostics;

/**
 * A dependency's public status.
 *
 * @param indicator Statuspage's indicator: none, minor, major, critical, or "unknown" when the page
 *     could not be read
 */
public record DependencyStatus(
    String dependency, String indicator, String description, boolean degraded, boolean dryRun) {}
