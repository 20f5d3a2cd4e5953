package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.job.JobFanOutWorkflow;
import dev.firebreak.workflows.job.JobGroup;
import dev.firebreak.workflows.job.JobWorkflow;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
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
 * Jobs as Temporal Schedules, one per group of jobs that share a cron expression and time zone (id
 * from {@link JobGroups}), so they show on the Temporal UI's Schedules page with their next runs.
 * One Schedule starts one {@link JobFanOutWorkflow} per firing, which tells every job of the group:
 * 500 jobs due at one minute cost the server one workflow start, not 500.
 *
 * <p>Overlap SKIP: a firing only signals the jobs, so firings overlap only when no worker is
 * polling; then one waiting firing is enough, and each job buffers a run that comes due while
 * another is going. Catch-up window of one hour: after a server outage, a run missed by less than
 * that still happens once (a daily 2 AM job survives a short outage), while one missed by more is
 * left to its next time rather than fired hours late into the working day. Pausing or triggering
 * the Schedule from the Temporal UI pauses or fires every job of its group; one job is paused or
 * run now through Firebreak's API, CLI or Slack, which ask the job's own workflow.
 */
public final class ScheduleJobScheduler implements JobScheduler {

  static final Duration CATCH_UP_WINDOW = Duration.ofHours(1);

  /** The note lists the group's jobs; past this many characters the UI shows only their start. */
  private static final int NOTE_CHARS = 1000;

  private final ScheduleClient schedules;
  private final String taskQueue;

  public ScheduleJobScheduler(ScheduleClient schedules, String taskQueue) {
    this.schedules = schedules;
    this.taskQueue = taskQueue;
  }

  /** Group Schedules and the per-job ones ({@code job-<name>}) versions before groups created. */
  @Override
  public Map<String, JobGroup> installed() {
    Map<String, JobGroup> installed = new LinkedHashMap<>();
    schedules
        .listSchedules()
        .filter(
            s ->
                s.getScheduleId().startsWith(JobGroups.PREFIX)
                    || s.getScheduleId().startsWith(JobWorkflow.PREFIX))
        .forEach(
            s -> {
              JobGroup group = TimingMemo.read(s::getMemo);
              if (group != null) {
                installed.put(s.getScheduleId(), group);
              }
            });
    return installed;
  }

  /**
   * A changed schedule is replaced rather than updated: an update cannot rewrite the memo it is
   * compared by.
   */
  @Override
  public void install(String id, JobGroup group) {
    ScheduleOptions options = ScheduleOptions.newBuilder().setMemo(TimingMemo.of(group)).build();
    try {
      schedules.createSchedule(id, schedule(id, group), options);
    } catch (ScheduleAlreadyRunningException exists) {
      schedules.getHandle(id).delete();
      schedules.createSchedule(id, schedule(id, group), options);
    }
  }

  @Override
  public void uninstall(String id) {
    schedules.getHandle(id).delete();
  }

  @Override
  public String describe() {
    return "Temporal Schedules, one per cron expression and zone (overlap skip, catch-up window "
        + CATCH_UP_WINDOW.toMinutes()
        + " min)";
  }

  private Schedule schedule(String id, JobGroup group) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(JobFanOutWorkflow.class)
                .setArguments(group)
                .setOptions(
                    WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(taskQueue).build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setCronExpressions(List.of(group.cron()))
                .setTimeZoneName(group.timeZone())
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(CATCH_UP_WINDOW)
                .build())
        .setState(ScheduleState.newBuilder().setNote(note(group)).build())
        .build();
  }

  /** What the Temporal UI shows beside the Schedule: which jobs it fires. */
  static String note(JobGroup group) {
    return "Managed by Firebreak from firebreak.yaml: fires "
        + Clip.of(String.join(", ", group.jobs()), NOTE_CHARS)
        + " (pause or run one job with firebreak job pause|run NAME)";
  }
}
