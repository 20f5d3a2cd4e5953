package dev.firebreak.workflows.incident;

public record SeverityChange(String by, Severity severity, String reason) {}
