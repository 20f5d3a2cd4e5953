package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.job.JobTickWorkflow;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jobs as cron workflows ({@code job-<name>-tick}), for the dev server, which has no Schedule API.
 * A cron workflow's timing cannot change, so a changed job's is terminated and started again. The
 * dev server reads cron expressions in UTC only; a job in another zone is fired in UTC there, and
 * the start-up log says so.
 */
public final class CronJobScheduler implements JobScheduler {

  private static final Logger log = LoggerFactory.getLogger(CronJobScheduler.class);
  private static final String UTC = "UTC";
  private static final int LIST_PAGE = 1000;

  private final WorkflowClient client;
  private final String taskQueue;

  public CronJobScheduler(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  @Override
  public Map<String, JobTiming> installed() {
    var request = ListOpenWorkflowExecutionsRequest.newBuilder()
        .setNamespace(client.getOptions().getNamespace())
        .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(JobTickWorkflow.class.getSimpleName()))
        .setMaximumPageSize(LIST_PAGE)
        .build();
    Map<String, JobTiming> installed = new LinkedHashMap<>();
    client.getWorkflowServiceStubs().blockingStub().listOpenWorkflowExecutions(request).getExecutionsList()
        .forEach(info -> {
          // Listed executions may come without their memo on the dev server; describing brings it back.
          WorkflowExecutionDescription described = client.newUntypedWorkflowStub(info.getExecution().getWorkflowId()).describe();
          JobTiming timing = TimingMemo.read(key -> described.getMemo(key, String.class));
          if (timing != null) {
            installed.put(timing.job(), timing);
          }
        });
    return installed;
  }

  @Override
  public void install(JobTiming timing) {
    if (installed().containsKey(timing.job())) {
      uninstall(timing.job());
    }
    if (!UTC.equals(timing.timeZone())) {
      log.warn("job {}: the dev server runs cron in UTC, so '{}' fires at UTC times, not {}", timing.job(),
          timing.cron(), timing.timeZone());
    }
    JobTickWorkflow tick = client.newWorkflowStub(JobTickWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(JobTickWorkflow.workflowId(timing.job()))
        .setTaskQueue(taskQueue)
        .setCronSchedule(timing.cron())
        .setMemo(TimingMemo.of(timing))
        .build());
    WorkflowClient.start(tick::tick, timing.job());
  }

  @Override
  public void uninstall(String job) {
    client.newUntypedWorkflowStub(JobTickWorkflow.workflowId(job)).terminate("removed from or changed in firebreak.yaml");
  }

  @Override
  public String describe() {
    return "cron workflows (the dev server has no Schedule API)";
  }
}
