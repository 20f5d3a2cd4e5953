package dev.firebreak.workflows.action;

/** How a generic HTTP action went; {@code body} is truncated to a few KB. */
public record HttpActionResult(String name, int status, String body, boolean dryRun, String detail) {}
