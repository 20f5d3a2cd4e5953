package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.job.JobTick;
import dev.firebreak.workflows.job.JobTickWorkflow;
import dev.firebreak.workflows.job.JobWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jobs as Temporal Schedules (id {@code job-<name>}), so they show on the Temporal UI's Schedules
 * page with their next runs.
 *
 * <p>Overlap SKIP: a tick only signals the job, so ticks overlap only when no worker is polling;
 * then one waiting tick is enough, and the job itself buffers a run that comes due while another is
 * going. Catch-up window of one hour: after a server outage, a run missed by less than that still
 * happens once (a daily 2 AM job survives a short outage), while one missed by more is left to its
 * next time rather than fired hours late into the working day.
 */
public final class ScheduleJobScheduler implements JobScheduler {

  static final Duration CATCH_UP_WINDOW = Duration.ofHours(1);

  private final ScheduleClient schedules;
  private final String taskQueue;

  public ScheduleJobScheduler(ScheduleClient schedules, String taskQueue) {
    this.schedules = schedules;
    this.taskQueue = taskQueue;
  }

  @Override
  public Map<String, JobTick> installed() {
    Map<String, JobTick> installed = new LinkedHashMap<>();
    schedules
        .listSchedules()
        .filter(s -> s.getScheduleId().startsWith(JobWorkflow.PREFIX))
        .forEach(
            s -> {
              JobTick timing = TimingMemo.read(key -> s.getMemo(key, String.class));
              if (timing != null) {
                installed.put(timing.job(), timing);
              }
            });
    return installed;
  }

  /**
   * A changed schedule is replaced rather than updated: an update cannot rewrite the memo it is
   * compared by.
   */
  @Override
  public void install(JobTick timing) {
    String id = JobWorkflow.workflowId(timing.job());
    boolean exists = schedules.listSchedules().anyMatch(s -> s.getScheduleId().equals(id));
    if (exists) {
      schedules.getHandle(id).delete();
    }
    schedules.createSchedule(
        id, schedule(timing), ScheduleOptions.newBuilder().setMemo(TimingMemo.of(timing)).build());
  }

  @Override
  public void uninstall(String job) {
    schedules.getHandle(JobWorkflow.workflowId(job)).delete();
  }

  @Override
  public String describe() {
    return "Temporal Schedules (overlap skip, catch-up window "
        + HumanDuration.of(CATCH_UP_WINDOW)
        + ")";
  }

  private Schedule schedule(JobTick timing) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(JobTickWorkflow.class)
                .setArguments(timing)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(JobTickWorkflow.workflowId(timing.job()))
                        .setTaskQueue(taskQueue)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setCronExpressions(List.of(timing.cron()))
                .setTimeZoneName(timing.timeZone())
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(CATCH_UP_WINDOW)
                .build())
        .setState(
            ScheduleState.newBuilder().setNote("Managed by Firebreak from firebreak.yaml").build())
        .build();
  }
}
