package dev.firebreak.workflows.action;

import java.time.Duration;
import java.util.Map;

/**
 * One line of a runbook that is a curl: configured mitigations, maintenance steps and jobs run it.
 * Headers, URL and body may hold {@code ${ENV_VAR}} references; they are expanded only inside the
 * activity, so secrets never enter workflow history.
 *
 * @param expectedStatus the status that means success; 0 accepts any 2xx
 */
public record HttpAction(
    String name,
    String method,
    String url,
    Map<String, String> headers,
    String body,
    int expectedStatus,
    Duration timeout) {}
