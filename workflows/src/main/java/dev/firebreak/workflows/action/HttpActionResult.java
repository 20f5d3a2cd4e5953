package dev.firebreak.workflows.action;

/**
 * How a generic HTTP action went; {@code body} is a short excerpt of the answer with credentials
 * redacted.
 */
public record HttpActionResult(
    String name, int status, String body, boolean dryRun, String detail) {}
