package dev.firebreak.workflows.rollback;

import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Grants a service's rollback lock to one rollback at a time. A rollback gives it back when it
 * ends; a lease bounds how long a rollback that never ends (terminated by hand, say) can block the
 * service.
 */
public class RollbackLockWorkflowImpl implements RollbackLockWorkflow {

  private static final Logger log = Workflow.getLogger(RollbackLockWorkflowImpl.class);

  /** The failure type a claim without its key, workflow id or lease is refused with. */
  static final String INVALID_CLAIM = "InvalidClaim";

  private LockHolder holder;
  private boolean changed;

  @WorkflowInit
  public RollbackLockWorkflowImpl(LockHolder holder) {
    this.holder = holder;
  }

  @Override
  public void run(LockHolder initial) {
    while (true) {
      changed = false;
      if (holder == null) {
        Workflow.await(() -> changed || Workflow.getInfo().isContinueAsNewSuggested());
      } else {
        Duration lease = Duration.between(now(), holder.leaseEnds());
        if (!lease.isNegative() && Workflow.await(lease, () -> changed)) {
          continue;
        }
        if (holder != null && !now().isBefore(holder.leaseEnds())) {
          log.warn(
              "rollback lock: lease of {} ended without a release; lock freed",
              holder.workflowId());
          holder = null;
        }
      }
      // Idle is the only safe moment to continue as new: a claim waiting for an answer is finished
      // first.
      if (Workflow.getInfo().isContinueAsNewSuggested()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        Workflow.continueAsNew(holder);
      }
    }
  }

  @Override
  public void validateClaim(LockClaim claim) {
    if (claim == null
        || claim.key() == null
        || claim.workflowId() == null
        || claim.lease() == null) {
      throw ApplicationFailure.newFailure(
          "a claim needs a key, a workflow id and a lease", INVALID_CLAIM);
    }
  }

  @Override
  public LockDecision claim(LockClaim claim) {
    if (holder != null && !holder.key().equals(claim.key())) {
      log.info("rollback lock: {} refused, {} holds it", claim.workflowId(), holder.workflowId());
      return new LockDecision(false, holder);
    }
    if (holder == null) {
      holder = new LockHolder(claim.key(), claim.workflowId(), now().plus(claim.lease()));
      changed = true;
      log.info("rollback lock: granted to {}", claim.workflowId());
    }
    return new LockDecision(true, holder);
  }

  @Override
  public void release(String key) {
    if (holder != null && holder.key().equals(key)) {
      log.info("rollback lock: released by {}", holder.workflowId());
      holder = null;
      changed = true;
    }
  }

  @Override
  public LockHolder holder() {
    return holder;
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
