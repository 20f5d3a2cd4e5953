package dev.firebreak.workflows.incident;

/** A responder takes the incident: escalation stops at once. */
public record Acknowledgement(String by) {}
