package dev.firebreak.workflows.incident;

/** A free-form timeline note; fire-and-forget, so it travels as a signal. */
public record Note(String by, String text) {}
