package dev.firebreak.activities.slack;

import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A workflow that makes one Slack call with retries, so tests see the activity re-attempted for
 * real.
 */
@WorkflowInterface
public interface SlackRetryWorkflow {

  /** Exactly one of the arguments is set; returns what the activity returned, as text. */
  @WorkflowMethod
  String send(IncidentCard card, ThreadMessage message, PageRequest page);
}
