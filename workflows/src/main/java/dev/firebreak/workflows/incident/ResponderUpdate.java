package dev.firebreak.workflows.incident;

/**
 * The runbook's 15-minute update: what we found, when we expect it fixed, what we are doing.
 *
 * @param eta free text such as "04:30 UTC" or "30 min"; optional
 * @param actions what responders are doing now; optional
 */
public record ResponderUpdate(String by, String text, String eta, String actions) {}
