package dev.firebreak.workflows.incident;

import io.temporal.workflow.Workflow;

/**
 * Which of the incident's versioned changes a run takes. A run that began since {@link
 * IncidentVersions#BASELINE} takes every change listed before it without asking; an older run asks
 * each as its code reaches it, as it did when its history was written.
 *
 * <p>Asking lazily made a handler's first command depend on which handler ran first: a signal and
 * an update that both arrive before the first workflow task each asked their own change id, so the
 * order of their markers followed their delivery order, and a replay that delivers them in another
 * order (the embedded test server records an update's position after a signal it was delivered
 * before) no longer matched the history. One marker, written before any handler runs, has no order
 * to get wrong, and a new incident's first workflow task records one marker instead of nine.
 */
final class IncidentChanges {

  private final boolean baseline;

  private IncidentChanges(boolean baseline) {
    this.baseline = baseline;
  }

  /**
   * Asks {@link IncidentVersions#BASELINE}; called once per run, in the workflow's constructor,
   * which the SDK runs before the run's first handler.
   */
  static IncidentChanges askedAtRunStart() {
    return new IncidentChanges(
        Workflow.getVersion(IncidentVersions.BASELINE, Workflow.DEFAULT_VERSION, 1) >= 1);
  }

  /**
   * Whether the run began since the baseline, which also trusts what the start wrote: it does not
   * write again a memo or search attribute the start already holds.
   */
  boolean sinceBaseline() {
    return baseline;
  }

  /**
   * Whether the run takes {@code changeId}'s version 1.
   *
   * @param changeId one of {@link IncidentVersions#BEFORE_BASELINE}: a change added since must not
   *     be taken by a run that began before it, so it asks {@code Workflow.getVersion} itself
   */
  boolean on(String changeId) {
    if (!IncidentVersions.BEFORE_BASELINE.contains(changeId)) {
      throw new IllegalArgumentException(
          changeId + " is not covered by " + IncidentVersions.BASELINE);
    }
    return baseline || Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
