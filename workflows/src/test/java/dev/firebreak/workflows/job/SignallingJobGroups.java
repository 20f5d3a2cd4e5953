package dev.firebreak.workflows.job;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow tests' {@link JobGroupActivities}: signals each job through the test server's client,
 * one after the other (the worker's own, in the starter, sends several at a time with request ids).
 */
public class SignallingJobGroups implements JobGroupActivities {

  private final WorkflowClient client;

  public SignallingJobGroups(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<String> tellDue(JobDue due) {
    List<String> gone = new ArrayList<>();
    for (String job : due.jobs()) {
      try {
        client.newWorkflowStub(JobWorkflow.class, JobWorkflow.workflowId(job)).due(due.trigger());
      } catch (WorkflowNotFoundException e) {
        gone.add(job);
      }
    }
    return gone;
  }
}
