package dev.firebreak.workflows.incident;

/**
 * A responder says it is fixed. Refused while health checks fail.
 *
 * @param rootCause optional, goes into the post-mortem
 */
public record Resolution(String by, String summary, String rootCause) {}
