package dev.firebreak.starter.schedules;

import dev.firebreak.starter.service.OpenWorkflows;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobTickWorkflow;
import dev.firebreak.workflows.job.JobWorkflow;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs as cron workflows ({@code job-<name>-tick}), for the dev server, which has no Schedule API.
 * A cron workflow's timing cannot change, so a changed job's is replaced by a new one. The dev
 * server reads cron expressions in UTC only; a job in another zone is fired in UTC there, and the
 * start-up log says so.
 */
public final class CronJobScheduler implements JobScheduler {

  private static final Logger log = LoggerFactory.getLogger(CronJobScheduler.class);
  private static final String UTC = "UTC";

  private final WorkflowClient client;
  private final String taskQueue;

  public CronJobScheduler(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /**
   * The dev server ignores the type filter of a listing and drops the memo from a cron workflow's
   * later runs, so ticks are recognised by their id and read back from their input.
   */
  @Override
  public Map<String, JobTick> installed() {
    Map<String, JobTick> installed = new LinkedHashMap<>();
    OpenWorkflows.idsOfType(client, JobTickWorkflow.class.getSimpleName()).stream()
        .filter(id -> id.startsWith(JobWorkflow.PREFIX) && id.endsWith(JobTickWorkflow.SUFFIX))
        .map(this::inputOf)
        .forEach(tick -> installed.put(tick.job(), tick));
    return installed;
  }

  private JobTick inputOf(String workflowId) {
    Payloads input =
        client
            .fetchHistory(workflowId)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(0, Optional.of(input), JobTick.class, JobTick.class);
  }

  @Override
  public void install(JobTick timing) {
    if (!UTC.equals(timing.timeZone())) {
      log.warn(
          "job {}: the dev server runs cron in UTC, so '{}' fires at UTC times, not {}",
          timing.job(),
          timing.cron(),
          timing.timeZone());
    }
    JobTickWorkflow tick =
        client.newWorkflowStub(
            JobTickWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(JobTickWorkflow.workflowId(timing.job()))
                .setTaskQueue(taskQueue)
                .setCronSchedule(timing.cron())
                // A cron workflow's timing cannot change: a changed job's replaces it.
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING)
                .build());
    WorkflowClient.start(tick::tick, timing);
  }

  @Override
  public void uninstall(String job) {
    client
        .newUntypedWorkflowStub(JobTickWorkflow.workflowId(job))
        .terminate("removed from or changed in firebreak.yaml");
  }

  @Override
  public String describe() {
    return "cron workflows (the dev server has no Schedule API)";
  }
}
