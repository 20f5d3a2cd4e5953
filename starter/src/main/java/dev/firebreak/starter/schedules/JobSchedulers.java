package dev.firebreak.starter.schedules;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;

/**
 * Picks how jobs are fired from what the server can do: Schedules when it has the API, cron
 * workflows otherwise.
 */
public final class JobSchedulers {

  private JobSchedulers() {}

  public static JobScheduler forServer(WorkflowClient client, String taskQueue) {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .build());
    try {
      schedules.listSchedules(1).findFirst();
      return new ScheduleJobScheduler(schedules, taskQueue);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return new CronJobScheduler(client, taskQueue);
      }
      throw e;
    }
  }
}
