package dev.firebreak.workflows.incident;

import dev.firebreak.workflows.oncall.ScheduleTargets;
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
  private final boolean onCallPaging;

  private IncidentChanges(boolean baseline, boolean onCallPaging) {
    this.baseline = baseline;
    this.onCallPaging = onCallPaging;
  }

  /**
   * Asks {@link IncidentVersions#BASELINE}, and the changes since it that {@code policy} can need;
   * called once per run, in the workflow's constructor, which the SDK runs before the run's first
   * handler.
   */
  static IncidentChanges askedAtRunStart(IncidentPolicy policy) {
    boolean baseline =
        Workflow.getVersion(IncidentVersions.BASELINE, Workflow.DEFAULT_VERSION, 1) >= 1;
    // Here rather than at the first page, for the baseline's reason: a severity raised by an
    // update may page first. Only a chain with a schedule target can take the change, so only such
    // a run writes its marker.
    boolean onCallPaging =
        policy.escalation().stream().anyMatch(level -> ScheduleTargets.any(level.targets()))
            && Workflow.getVersion(IncidentVersions.ONCALL_PAGING, Workflow.DEFAULT_VERSION, 1)
                >= 1;
    return new IncidentChanges(baseline, onCallPaging);
  }

  /**
   * Whether a level with schedule targets asks them and pages in one activity ({@link
   * IncidentVersions#ONCALL_PAGING}).
   */
  boolean pagesOnCallInOneActivity() {
    return onCallPaging;
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
