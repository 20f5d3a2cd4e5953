package dev.firebreak.starter.rollbacks;

import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.starter.service.WorkflowQuery;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.LockDecision;
import dev.firebreak.workflows.rollback.RollbackLockWorkflow;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackView;
import dev.firebreak.workflows.rollback.RollbackWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the API asks of Temporal about rollbacks. At most one rollback per service runs: the
 * service's {@link RollbackLockWorkflow} is claimed through {@link RollbackLocks} before the
 * rollback starts, as a maintenance window claims it for its own rollbacks. A repeated
 * Idempotency-Key finds its rollback by workflow id, or is granted the lock again as its holder and
 * then meets its already-started workflow.
 */
public final class RollbackGateway {

  private static final Logger log = LoggerFactory.getLogger(RollbackGateway.class);

  public static final String ID_PREFIX = RollbackWorkflow.WORKFLOW_ID_PREFIX;

  private final WorkflowClient client;
  private final RollbackLocks locks;
  private final TemporalDeadlines deadlines;

  public RollbackGateway(WorkflowClient client, TemporalDeadlines deadlines) {
    this.client = client;
    this.locks = new RollbackLocks(client);
    this.deadlines = deadlines;
  }

  /** Claims the service's lock and starts the rollback as its own workflow. */
  public RollbackAdmission request(RollbackOrder order) {
    return admit(
        order,
        o -> {
          RollbackWorkflow rollback =
              client.newWorkflowStub(
                  RollbackWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId(o.workflowId())
                      .setTaskQueue(TaskQueue.NAME)
                      .setWorkflowIdReusePolicy(
                          WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                      .setStaticSummary(
                          Clip.utf8(
                              "Rollback of " + o.request().service() + ": " + o.request().reason(),
                              200))
                      .build());
          WorkflowClient.start(rollback::run, o);
        });
  }

  /** Claims the service's lock and has the incident start the rollback as its child. */
  public RollbackAdmission requestForIncident(String incidentId, RollbackOrder order) {
    return admit(
        order,
        o ->
            client
                .newUntypedWorkflowStub(IncidentWorkflow.workflowId(incidentId))
                .startUpdate(
                    UpdateOptions.newBuilder(IncidentView.class)
                        .setUpdateName("rollback")
                        .setUpdateId(o.workflowId())
                        .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                        .build(),
                    o)
                .getResult());
  }

  private RollbackAdmission admit(RollbackOrder order, Consumer<RollbackOrder> start) {
    Optional<RollbackView> existing = find(order.workflowId());
    if (existing.isPresent()) {
      return new RollbackAdmission(order.workflowId(), existing.get().status().name(), false);
    }
    String service = order.request().service();
    LockDecision decision = claimFreeingAFinishedHolder(order);
    if (!decision.granted()) {
      log.info("{} refused: {} is running", order.workflowId(), decision.holder().workflowId());
      throw new Refusal(
          409,
          "rollback_in_progress",
          "A rollback of "
              + service
              + " is already running: "
              + decision.holder().workflowId()
              + ". Follow it with GET /api/v1/rollbacks/"
              + decision.holder().workflowId().substring(ID_PREFIX.length())
              + "; at most one rollback per service runs at a time.");
    }
    try {
      start.accept(order);
      log.info(
          "{} started by {}: {}",
          order.workflowId(),
          order.request().requestedBy(),
          order.request().reason());
      return new RollbackAdmission(order.workflowId(), "RESOLVING_TARGET", true);
    } catch (WorkflowExecutionAlreadyStarted sameKey) {
      // The same key raced this request, or came back after its rollback ended and took the lock
      // again.
      RollbackView view = find(order.workflowId()).orElseThrow(() -> sameKey);
      if (view.status().isFinal()) {
        locks.release(order);
      }
      return new RollbackAdmission(order.workflowId(), view.status().name(), false);
    } catch (RuntimeException notStarted) {
      locks.release(order);
      throw notStarted;
    }
  }

  public RollbackView view(String id) {
    return find(ID_PREFIX + id).orElseThrow(() -> Refusal.notFound("No rollback '" + id + "'."));
  }

  public RollbackView approve(String id, Approval approval) {
    return decide(id, () -> stub(id).approve(approval));
  }

  public RollbackView refuse(String id, Approval approval) {
    return decide(id, () -> stub(id).refuse(approval));
  }

  /**
   * A finished rollback reads as finished one workflow task before its release reaches the lock
   * (the release is a signal the lock handles in its own workflow task), so a claim made right
   * after it ended can find the lock still held by it. The gateway then gives that finished
   * holder's lock back itself, as its own release would (a release is by key and a repeat changes
   * nothing), and claims again, rather than refusing the request as "already running" or waiting in
   * the handler. A holder that is still running keeps the lock.
   */
  private LockDecision claimFreeingAFinishedHolder(RollbackOrder order) {
    LockDecision decision = locks.claim(order);
    if (decision.granted() || !holderFinished(decision)) {
      return decision;
    }
    log.info(
        "{}: {} has finished; releasing its lock on its behalf",
        order.workflowId(),
        decision.holder().workflowId());
    locks.release(order.request().service(), decision.holder().key());
    return locks.claim(order);
  }

  private boolean holderFinished(LockDecision refused) {
    return find(refused.holder().workflowId()).map(view -> view.status().isFinal()).orElse(false);
  }

  private RollbackView decide(String id, Supplier<RollbackView> decision) {
    return deadlines.within(
        deadlines.command(),
        decision,
        limit ->
            TemporalDeadlines.notAnswering(
                "Rollback " + id,
                limit,
                "The decision may still be applied; check the rollback before deciding again."));
  }

  private RollbackWorkflow stub(String id) {
    return client.newWorkflowStub(RollbackWorkflow.class, ID_PREFIX + id);
  }

  /** The rollback under this workflow id, if one was ever started. */
  public Optional<RollbackView> find(String workflowId) {
    return deadlines.within(
        deadlines.read(),
        () ->
            WorkflowQuery.ifExists(
                () -> client.newWorkflowStub(RollbackWorkflow.class, workflowId).state()),
        limit ->
            TemporalDeadlines.notAnswering(
                "Rollback " + workflowId.substring(ID_PREFIX.length()), limit, "Nothing changed."));
  }
}
