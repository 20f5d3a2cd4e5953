package dev.firebreak.starter.schedules;

import dev.firebreak.starter.service.InParallel;
import dev.firebreak.workflows.job.JobDue;
import dev.firebreak.workflows.job.JobGroupActivities;
import dev.firebreak.workflows.job.JobWorkflow;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.SignalWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker's {@link JobGroupActivities}: signals {@code due} to each job of a group from the
 * worker, several at a time. Each signal's request id is derived from the firing and the job, and
 * the server keeps one signal per request id, so a retried attempt tells again only the jobs the
 * last one did not reach: no job runs twice for one firing.
 */
public final class DueSignals implements JobGroupActivities {

  /** Signals in flight at once: enough to hide round trips, few for a server on two cores. */
  static final int SIGNALS_AT_ONCE = 16;

  private static final Logger log = LoggerFactory.getLogger(DueSignals.class);
  private static final String DUE = "due";

  private final WorkflowClient client;

  public DueSignals(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public List<String> tellDue(JobDue due) {
    List<String> jobs = due.jobs();
    long start = System.nanoTime();
    List<Boolean> told;
    try {
      told = InParallel.apply(SIGNALS_AT_ONCE, jobs, job -> tell(due, job));
    } catch (RuntimeException e) {
      // The attempt is retried; the jobs it reached are not signalled twice.
      log.warn(
          "telling {} job(s) due failed after {} ms: {}",
          jobs.size(),
          millisSince(start),
          e.toString());
      throw e;
    }
    log.info("{} job(s) told a run is due in {} ms", jobs.size(), millisSince(start));
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < jobs.size(); i++) {
      if (!told.get(i)) {
        gone.add(jobs.get(i));
      }
    }
    return gone;
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  /** False when the job has no running workflow. */
  private boolean tell(JobDue due, String job) {
    SignalWorkflowExecutionRequest request =
        SignalWorkflowExecutionRequest.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setWorkflowExecution(
                WorkflowExecution.newBuilder().setWorkflowId(JobWorkflow.workflowId(job)))
            .setSignalName(DUE)
            .setInput(
                client.getOptions().getDataConverter().toPayloads(due.trigger()).orElseThrow())
            .setIdentity(Objects.requireNonNullElse(client.getOptions().getIdentity(), ""))
            .setRequestId(requestId(due, job))
            .build();
    try {
      client.getWorkflowServiceStubs().blockingStub().signalWorkflowExecution(request);
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  static String requestId(JobDue due, String job) {
    return UUID.nameUUIDFromBytes((due.firing() + "/" + job).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
