package dev.firebreak.workflows.maintenance;

/** Stop a window now. */
public record Abort(String by, String reason) {}
