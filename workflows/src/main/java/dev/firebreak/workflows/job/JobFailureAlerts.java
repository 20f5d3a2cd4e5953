package dev.firebreak.workflows.job;

import dev.firebreak.workflows.common.ActivityPolicies;
import dev.firebreak.workflows.common.RootCause;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.ChildIncident;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The job's failure path: each run's outcome moves the {@link JobFailureStreak}, and what it
 * decides is done here, the warning and the recovery posted in the job's channel and the incident
 * declared as a child workflow.
 */
final class JobFailureAlerts {

  private static final Logger log = Workflow.getLogger(JobFailureAlerts.class);

  private final ChatActivities chat =
      Workflow.newActivityStub(ChatActivities.class, ActivityPolicies.NOTIFY_AWAITED);
  private final JobFailureStreak streak;

  JobFailureAlerts(JobFailureStreak streak) {
    this.streak = streak;
  }

  void succeeded(JobSpec spec, JobRun run) {
    int recovered = streak.succeeded();
    log.info("job {} run {} succeeded: {}", spec.name(), run.number(), run.detail());
    if (recovered > 0) {
      notifyChannel(
          spec, "recovered-" + run.number(), JobFailureStreak.recoveredText(spec, recovered));
    }
  }

  void failed(JobSpec spec, JobRun run, JobRun lastSuccess) {
    JobFailureStreak.Escalation next = streak.failed(spec.alerts());
    log.warn(
        "job {} run {} failed ({} in a row): {}",
        spec.name(),
        run.number(),
        streak.consecutiveFailures(),
        run.detail());
    if (next.warn()) {
      notifyChannel(spec, "warning-" + run.number(), streak.warningText(spec, run, lastSuccess));
    }
    if (next.declare()) {
      declareIncident(spec, streak.declaration(spec, run, lastSuccess, now()));
    }
  }

  /** A warning that cannot be posted must not stop the job; it is logged and the job goes on. */
  private void notifyChannel(JobSpec spec, String key, String text) {
    try {
      chat.post(
          new ThreadMessage(
              JobWorkflow.workflowId(spec.name()) + "/" + key,
              JobWorkflow.workflowId(spec.name()),
              spec.alerts().channel(),
              null,
              text));
    } catch (ActivityFailure failure) {
      log.warn("job {} could not post '{}': {}", spec.name(), key, RootCause.message(failure));
    }
  }

  /** The incident is a child that outlives the job's workflow (parent close policy ABANDON). */
  private void declareIncident(JobSpec spec, Declaration declaration) {
    JobAlerts alerts = spec.alerts();
    Optional<String> notStarted =
        ChildIncident.declare(
            declaration,
            alerts.severity(),
            alerts.incidentPolicy(),
            alerts.severity() + " · " + alerts.service() + " · job " + spec.name() + " failing",
            ChildWorkflowOptions.newBuilder().setTaskQueue(TaskQueue.NAME));
    if (notStarted.isEmpty()) {
      streak.declared(declaration.id());
      log.warn(
          "job {} declared {} after {} failures in a row",
          spec.name(),
          declaration.id(),
          streak.consecutiveFailures());
    } else {
      log.warn("job {} could not declare {}: {}", spec.name(), declaration.id(), notStarted.get());
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
