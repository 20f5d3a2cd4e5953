package dev.firebreak.workflows.incident;

public record CommanderAssignment(String by, String commander) {}
