package dev.firebreak.starter.api;

/**
 * The body of {@code POST /api/v1/incidents}; severity stays text so a bad value gets a clear 400.
 *
 * @param playbook the playbook to follow; the first one that matches when absent
 */
record DeclareRequest(
    String title,
    String severity,
    String service,
    String description,
    String commander,
    String playbook) {}
