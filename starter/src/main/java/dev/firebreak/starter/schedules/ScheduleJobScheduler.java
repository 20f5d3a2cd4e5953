package dev.firebreak.starter.schedules;

import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.job.JobFanOutWorkflow;
import dev.firebreak.workflows.job.JobGroup;
import dev.firebreak.workflows.job.JobWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleException;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * run now through Firebreak's API or CLI, which ask the job's own workflow.
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

  /**
   * Group Schedules, read back from their action's argument (a describe each: there are as many as
   * distinct timings, not jobs), and the per-job ones ({@code job-<name>}) versions before groups
   * created, from their memo.
   */
  @Override
  public Map<String, JobGroup> installed() {
    Map<String, JobGroup> installed = new LinkedHashMap<>();
    schedules
        .listSchedules()
        .forEach(
            s -> {
              String id = s.getScheduleId();
              if (id.startsWith(JobGroups.PREFIX)) {
                describe(id).ifPresent(schedule -> installed.put(id, groupOf(schedule)));
              } else if (id.startsWith(JobWorkflow.PREFIX)) {
                JobGroup legacy = TimingMemo.read(s::getMemo);
                if (legacy != null) {
                  installed.put(id, legacy);
                }
              }
            });
    return installed;
  }

  /**
   * Empty for a Schedule deleted since the listing, which lags behind: a reconcile right after
   * another still lists what that one deleted.
   */
  private Optional<Schedule> describe(String id) {
    try {
      return Optional.of(schedules.getHandle(id).describe().getSchedule());
    } catch (ScheduleException e) {
      if (notFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static boolean notFound(ScheduleException e) {
    return e.getCause() instanceof StatusRuntimeException status
        && status.getStatus().getCode() == Status.Code.NOT_FOUND;
  }

  /** The jobs and timing a group Schedule fires: its action's argument. */
  public static JobGroup groupOf(Schedule schedule) {
    return ((ScheduleActionStartWorkflow) schedule.getAction())
        .getArguments()
        .get(0, JobGroup.class, JobGroup.class);
  }

  /**
   * A group that exists is updated in place, so a pause set on the Temporal UI (and its note) stays
   * while its jobs change.
   */
  @Override
  public void install(String id, JobGroup group) {
    try {
      schedules.createSchedule(id, schedule(group, null), ScheduleOptions.newBuilder().build());
    } catch (ScheduleAlreadyRunningException exists) {
      schedules
          .getHandle(id)
          .update(
              current ->
                  new ScheduleUpdate(
                      schedule(group, current.getDescription().getSchedule().getState())));
    }
  }

  @Override
  public void uninstall(String id) {
    try {
      schedules.getHandle(id).delete();
    } catch (ScheduleException e) {
      if (!notFound(e)) {
        throw e;
      }
    }
  }

  @Override
  public String describe() {
    return "Temporal Schedules, one per cron expression and zone (overlap skip, catch-up window "
        + HumanDuration.of(CATCH_UP_WINDOW)
        + ")";
  }

  /** The group's Schedule; a paused one stays paused with its note. */
  private Schedule schedule(JobGroup group, ScheduleState current) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(JobFanOutWorkflow.class)
                .setArguments(group)
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId(JobGroups.id(group))
                        .setTaskQueue(taskQueue)
                        .build())
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
        .setState(
            current != null && current.isPaused()
                ? current
                : ScheduleState.newBuilder().setNote(note(group)).build())
        .build();
  }

  /** What the Temporal UI shows beside the Schedule: which jobs it fires. */
  static String note(JobGroup group) {
    return "Managed by Firebreak from firebreak.yaml: fires "
        + Clip.of(String.join(", ", group.jobs()), NOTE_CHARS)
        + " (pause or run one job with firebreak job pause|run NAME)";
  }
}
