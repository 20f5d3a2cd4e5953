package dev.firebreak.workflows.incident;

/**
 * A standard mitigation the assessment proposes, as the runbooks would: a fresh deploy suggests a
 * rollback, a degraded provider suggests watching its status page.
 *
 * @param kind a stable word remediation can act on: {@code rollback}, {@code watch-status-page},
 *     {@code check-service}
 * @param target what the action applies to (the deploy to roll back to, the status page URL)
 */
public record Suggestion(String kind, String service, String target, String text) {

  public static final String ROLLBACK = "rollback";
}
