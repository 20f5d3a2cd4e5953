package dev.firebreak.workflows.diagnostics;

/**
 * A dependency's public Statuspage-format page; the activity reads {@code
 * <url>/api/v2/status.json}.
 */
public record StatusPageCheck(String dependency, String url) {}
