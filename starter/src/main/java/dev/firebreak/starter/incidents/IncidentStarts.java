package dev.firebreak.starter.incidents;

import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.config.PlaybookSpecFactory;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.AlertReceived;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.DeclarationDetails;
import dev.firebreak.workflows.incident.DeclarationLimits;
import dev.firebreak.workflows.incident.IncidentInput;
import dev.firebreak.workflows.incident.IncidentMemo;
import dev.firebreak.workflows.incident.IncidentPolicy;
import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import java.util.Map;

/**
 * How the starter starts an incident workflow, the same for a person's declaration and an alert's:
 * its id, task queue, memo, summary and details, and its input with the service's policy. The
 * paging simulator starts its incidents here too, so what it shows is what a declaration does.
 */
public final class IncidentStarts {

  static final String WORKFLOW_TYPE = IncidentWorkflow.class.getSimpleName();

  /**
   * The memo field that holds a declaration's Idempotency-Key, for a retry that reaches another API
   * process.
   */
  static final String IDEMPOTENCY_KEY_MEMO = "idempotencyKey";

  private final IncidentPolicyFactory policies;
  private final PlaybookSpecFactory playbooks;

  public IncidentStarts(IncidentPolicyFactory policies, PlaybookSpecFactory playbooks) {
    this.policies = policies;
    this.playbooks = playbooks;
  }

  /**
   * @param playbook the playbook the declaration named; null for the first one that matches
   */
  public IncidentInput input(Declaration declaration, PlaybookSpec playbook) {
    IncidentPolicy policy = policies.forService(declaration.service(), declaration.severity());
    PlaybookSpec followed =
        playbook != null
            ? playbook
            : playbooks
                .firstMatch(declaration.service(), declaration.severity(), declaration.title())
                .orElse(null);
    return IncidentInput.declared(declaration, policy.withPlaybook(followed));
  }

  /**
   * An alert's declaration, whose announcement goes where its severity routes alerts; a playbook
   * may match the alert's name and labels.
   */
  IncidentInput alertInput(Declaration declaration, AlertReceived alert) {
    IncidentPolicy policy = policies.forAlert(declaration.service(), declaration.severity());
    PlaybookSpec matched =
        playbooks
            .firstMatch(
                declaration.service(),
                declaration.severity(),
                declaration.title(),
                alert.name(),
                alert.labels())
            .orElse(null);
    return IncidentInput.declared(declaration, policy.withPlaybook(matched));
  }

  /**
   * @param input what the incident starts with; its policy says whether the search attributes are
   *     registered
   * @param idempotencyKey null when the caller sent none
   */
  public WorkflowOptions options(Declaration d, IncidentInput input, String idempotencyKey) {
    return options(d, input, idempotencyKey, false);
  }

  /**
   * Starts the incident with the memo and search attributes it would otherwise write in its first
   * workflow task.
   *
   * @param input what the incident starts with; its policy says whether the search attributes are
   *     registered
   * @param idempotencyKey null when the caller sent none
   * @param indexKey whether the key is also set as {@link IncidentSearchAttributes#IDEMPOTENCY_KEY}
   */
  WorkflowOptions options(
      Declaration d, IncidentInput input, String idempotencyKey, boolean indexKey) {
    Map<String, Object> memo = IncidentMemo.declared(d);
    if (idempotencyKey != null) {
      memo.put(IDEMPOTENCY_KEY_MEMO, idempotencyKey);
    }
    return WorkflowOptions.newBuilder()
        .setWorkflowId(IncidentWorkflow.workflowId(d.id()))
        .setTaskQueue(TaskQueue.NAME)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .setStaticSummary(
            DeclarationLimits.summary(d.severity() + " · " + d.service() + " · " + d.title()))
        .setStaticDetails(DeclarationDetails.markdown(d))
        .setMemo(memo)
        .setTypedSearchAttributes(
            IncidentSearchAttributes.atDeclaration(
                d, input.policy().searchAttributes(), indexKey ? idempotencyKey : null))
        .build();
  }
}
