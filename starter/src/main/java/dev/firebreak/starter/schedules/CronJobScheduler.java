package dev.firebreak.starter.schedules;

import dev.firebreak.starter.service.OpenWorkflows;
import dev.firebreak.workflows.job.JobFanOutWorkflow;
import dev.firebreak.workflows.job.JobGroup;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobTickWorkflow;
import dev.firebreak.workflows.job.JobWorkflow;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs as cron workflows, one {@link JobFanOutWorkflow} per group (id from {@link JobGroups}), for
 * the dev server, which has no Schedule API. A cron workflow's timing and input cannot change, so a
 * changed group's is replaced by a new one. The dev server reads cron expressions in UTC only; a
 * group in another zone is fired in UTC there, and the start-up log says so.
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
   * later runs, so groups are recognised by their id and read back from their input; so are the
   * per-job ticks ({@code job-<name>-tick}) versions before groups started.
   */
  @Override
  public Map<String, JobGroup> installed() {
    Map<String, JobGroup> installed = new LinkedHashMap<>();
    OpenWorkflows.idsOfType(client, JobFanOutWorkflow.class.getSimpleName()).stream()
        .filter(id -> id.startsWith(JobGroups.PREFIX))
        .forEach(id -> installed.put(id, inputOf(id, JobGroup.class)));
    OpenWorkflows.idsOfType(client, JobTickWorkflow.class.getSimpleName()).stream()
        .filter(id -> id.startsWith(JobWorkflow.PREFIX) && id.endsWith(JobTickWorkflow.SUFFIX))
        .forEach(
            id -> {
              JobTick tick = inputOf(id, JobTick.class);
              installed.put(id, new JobGroup(tick.cron(), tick.timeZone(), List.of(tick.job())));
            });
    return installed;
  }

  private <T> T inputOf(String workflowId, Class<T> type) {
    Payloads input =
        client
            .fetchHistory(workflowId)
            .getEvents()
            .get(0)
            .getWorkflowExecutionStartedEventAttributes()
            .getInput();
    return client.getOptions().getDataConverter().fromPayloads(0, Optional.of(input), type, type);
  }

  @Override
  public void install(String id, JobGroup group) {
    if (!UTC.equals(group.timeZone())) {
      log.warn(
          "{} ({} job(s)): the dev server runs cron in UTC, so '{}' fires at UTC times, not {}",
          id,
          group.jobs().size(),
          group.cron(),
          group.timeZone());
    }
    JobFanOutWorkflow fanOut =
        client.newWorkflowStub(
            JobFanOutWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(id)
                .setTaskQueue(taskQueue)
                .setCronSchedule(group.cron())
                // A cron workflow's timing and input cannot change: a changed group's replaces it.
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING)
                .build());
    WorkflowClient.start(fanOut::fire, group);
  }

  @Override
  public void uninstall(String id) {
    client.newUntypedWorkflowStub(id).terminate("removed from or changed in firebreak.yaml");
  }

  @Override
  public String describe() {
    return "cron workflows, one per cron expression and zone (the dev server has no Schedule API)";
  }
}
