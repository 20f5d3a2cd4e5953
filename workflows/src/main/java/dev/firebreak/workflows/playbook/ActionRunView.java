package dev.firebreak.workflows.playbook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An action run as a person asking "where is it?" sees it: the answer to the state query and the
 * workflow's result.
 *
 * @param runId the run's workflow id
 * @param undo the action that reverts this one, offered once this run succeeded; null otherwise
 * @param undoes the run id this run reverted; null for a run that is not an undo
 * @param outcome the latest sentence: what happened, or why it stopped
 */
public record ActionRunView(
    String runId,
    String incidentId,
    String playbook,
    String action,
    String title,
    String kind,
    ActionRunStatus status,
    Map<String, String> parameters,
    String reason,
    String requestedBy,
    String approvedBy,
    String refusedBy,
    boolean dryRun,
    String outcome,
    Instant requestedAt,
    Instant finishedAt,
    String undo,
    String undoes,
    List<ActionRunStep> steps) {

  public ActionRunView {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
