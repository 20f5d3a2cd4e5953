package dev.firebreak.workflows.job;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One scheduled job for its whole life (workflow id {@code job-<name>}): runs it when it is due,
 * keeps its history and last success, warns and then declares an incident when it keeps failing,
 * and can be paused, resumed and run now. What fires it is a {@link JobFanOutWorkflow} started by
 * its group's Temporal Schedule or cron workflow ({@link JobTickWorkflow} before groups).
 */
@WorkflowInterface
public interface JobWorkflow {

  String PREFIX = "job-";

  static String workflowId(String job) {
    return PREFIX + job;
  }

  @WorkflowMethod
  JobView run(JobState state);

  @SignalMethod(description = "The schedule says a run is due")
  void due(JobTrigger trigger);

  @SignalMethod(description = "The configuration changed (or was confirmed) at process start")
  void configure(JobSpec spec);

  @SignalMethod(description = "The job left the configuration: finish after the run in progress")
  void retire();

  @UpdateMethod(description = "Run the job now, paused or not")
  JobView runNow(JobCommand command);

  @UpdateValidatorMethod(updateName = "runNow")
  void validateRunNow(JobCommand command);

  @UpdateMethod(description = "Pause: scheduled runs are skipped until resumed")
  JobView pause(JobCommand command);

  @UpdateValidatorMethod(updateName = "pause")
  void validatePause(JobCommand command);

  @UpdateMethod(description = "Resume scheduled runs")
  JobView resume(JobCommand command);

  @UpdateValidatorMethod(updateName = "resume")
  void validateResume(JobCommand command);

  @QueryMethod(
      description = "Schedule, paused or running, failure streak, last success and latest runs")
  JobView view();
}
