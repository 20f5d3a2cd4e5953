package dev.firebreak.workflows.incident;

public record Reopening(String by, String reason) {}
