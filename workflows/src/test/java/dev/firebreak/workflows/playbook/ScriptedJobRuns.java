package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.job.JobOutcome;
import dev.firebreak.workflows.job.JobRun;
import dev.firebreak.workflows.job.JobTrigger;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Workflow tests' job runner: every job runs at once and succeeds as run #1. */
public class ScriptedJobRuns implements JobRunActivities {

  public final List<JobRunOrder> asked = new CopyOnWriteArrayList<>();

  @Override
  public String runNow(JobRunOrder order) {
    asked.add(order);
    return "Asked job " + order.job() + " to run now: run #1 started";
  }

  @Override
  public JobRun awaitRun(JobRunOrder order) {
    Instant at = ActionOrders.START;
    return new JobRun(
        1,
        JobTrigger.manual(order.by(), at, order.parameters()),
        at,
        at,
        JobOutcome.SUCCEEDED,
        false,
        "POST https://app.example/api/cron/" + order.job() + " answered 200");
  }
}
