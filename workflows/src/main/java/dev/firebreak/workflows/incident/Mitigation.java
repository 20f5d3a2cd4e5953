package dev.firebreak.workflows.incident;

/** A mitigation a responder applied (or is applying), recorded with who and when. */
public record Mitigation(String by, String action, String detail) {}
