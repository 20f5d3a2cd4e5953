package dev.firebreak.workflows.incident;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What an incident's memo carries so lists can show it without querying every workflow. Written at
 * start by the API and again at every continue-as-new, because a new run does not inherit it; the
 * workflow keeps status and severity current.
 */
public final class IncidentMemo {
  public static final String TITLE = "title";
  public static final String SEVERITY = "severity";
  public static final String SERVICE = "service";
  public static final String DECLARED_AT = "declaredAt";

  /**
   * The incident's phase ({@link IncidentStatus}), rewritten by the workflow whenever it changes.
   */
  public static final String STATUS = "status";

  private IncidentMemo() {}

  public static Map<String, Object> of(
      Declaration declaration, Severity severity, Instant declaredAt) {
    return Map.of(
        TITLE, declaration.title(),
        SEVERITY, severity.name(),
        SERVICE, declaration.service(),
        DECLARED_AT, declaredAt.toString());
  }

  /**
   * The memo a declaration starts with: {@link #of} and the status it begins in, which the workflow
   * then need not write.
   */
  public static Map<String, Object> declared(Declaration declaration) {
    Map<String, Object> memo =
        new HashMap<>(of(declaration, declaration.severity(), declaration.declaredAt()));
    memo.put(STATUS, IncidentStatus.DECLARED.name());
    return memo;
  }

  /** What changes while the incident runs; the workflow upserts it. */
  public static Map<String, Object> progress(IncidentStatus status, Severity severity) {
    return Map.of(STATUS, status.name(), SEVERITY, severity.name());
  }
}
