package dev.firebreak.workflows.job;

/** A person's command to a job (run now, pause, resume): who, and optionally why. */
public record JobCommand(String by, String reason) {}
