package dev.firebreak.starter.incidents;

import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Note;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What callers change on a running incident: the commands (as Temporal updates, so the workflow's
 * validators can refuse them) and notes, each within the command limit.
 */
public final class IncidentUpdates {

  private static final Logger log = LoggerFactory.getLogger(IncidentUpdates.class);

  private final WorkflowClient client;
  private final TemporalDeadlines deadlines;

  IncidentUpdates(WorkflowClient client, TemporalDeadlines deadlines) {
    this.client = client;
    this.deadlines = deadlines;
  }

  /**
   * Sends one command as an update. The caller's idempotency key, when given, is the update id, so
   * the workflow applies a retried request once (Temporal deduplicates update ids per run).
   */
  public IncidentView update(
      String id, IncidentAction action, Object command, String idempotencyKey) {
    return update(id, action.updateName, command, idempotencyKey);
  }

  /**
   * Sends one command that has its own route (attaching a playbook, ticking its checklist) as the
   * update {@code updateName}; as {@link #update(String, IncidentAction, Object, String)}.
   */
  public IncidentView update(String id, String updateName, Object command, String idempotencyKey) {
    UpdateOptions<IncidentView> options =
        UpdateOptions.newBuilder(IncidentView.class)
            .setUpdateName(updateName)
            .setUpdateId(idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString())
            .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
            .build();
    Duration limit = deadlines.command();
    IncidentView view =
        deadlines.within(
            limit,
            () ->
                client
                    .newUntypedWorkflowStub(IncidentWorkflow.workflowId(id))
                    .startUpdate(options, command)
                    .getResult(limit.toMillis(), TimeUnit.MILLISECONDS),
            text ->
                IncidentReads.notAnswering(
                    id,
                    text,
                    "The command may still be applied; check the incident (GET /api/v1/incidents/"
                        + id
                        + ") before retrying"
                        + (idempotencyKey == null
                            ? "."
                            : ", or retry with the same Idempotency-Key.")));
    log.info("{}: {} applied", id, updateName);
    return view;
  }

  /**
   * Sends one command as an update and returns as soon as the incident accepted it (its validator
   * passed, so the update is in the incident's history and runs whatever becomes of this process),
   * without waiting for the handler; for callers that must answer sooner than a resolve's health
   * checks take. The future completes with the handler's outcome.
   *
   * @param updateId Temporal applies an update id once per run, so a caller's retry is harmless
   * @param limit how long the incident may take to accept it
   */
  public CompletableFuture<IncidentView> accept(
      String id, IncidentAction action, Object command, String updateId, Duration limit) {
    UpdateOptions<IncidentView> options =
        UpdateOptions.newBuilder(IncidentView.class)
            .setUpdateName(action.updateName)
            .setUpdateId(updateId)
            .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
            .build();
    WorkflowUpdateHandle<IncidentView> accepted =
        deadlines.within(
            limit,
            () ->
                client
                    .newUntypedWorkflowStub(IncidentWorkflow.workflowId(id))
                    .startUpdate(options, command),
            text ->
                IncidentReads.notAnswering(
                    id, text, "The command may still be applied; check the incident."));
    log.info("{}: {} accepted", id, action.updateName);
    return accepted.getResultAsync();
  }

  public void addNote(String id, Note note) {
    deadlines.within(
        deadlines.read(),
        () ->
            client
                .newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id))
                .addNote(note),
        limit ->
            IncidentReads.notAnswering(
                id,
                limit,
                "The note may still be added; check the timeline before sending it again."));
  }
}
