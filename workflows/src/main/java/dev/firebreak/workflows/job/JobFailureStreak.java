package dev.firebreak.workflows.job;

import dev.firebreak.workflows.incident.Declaration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A job's failures in a row and what they lead to (the job's {@link JobAlerts}): a warning in the
 * channel once {@code warnAfter} is reached, an incident once {@code incidentAfter} is, and a
 * "succeeded again" for a streak that was warned about. Decides and words; {@link JobFailureAlerts}
 * posts and declares.
 */
final class JobFailureStreak {

  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

  /** What one more failure leads to. */
  record Escalation(boolean warn, boolean declare) {}

  private int consecutiveFailures;
  private boolean warned;
  private String incidentId;

  JobFailureStreak(JobRecord record) {
    this.consecutiveFailures = record.consecutiveFailures();
    this.warned = record.warned();
    this.incidentId = record.incidentId();
  }

  int consecutiveFailures() {
    return consecutiveFailures;
  }

  boolean warned() {
    return warned;
  }

  /** The incident this streak declared; null when none. */
  String incidentId() {
    return incidentId;
  }

  /**
   * Counts a failure: the warning is due once per streak, the incident once per streak (until one
   * was declared).
   */
  Escalation failed(JobAlerts alerts) {
    consecutiveFailures++;
    boolean warn = !warned && reached(alerts.warnAfter());
    warned = warned || warn;
    return new Escalation(warn, incidentId == null && reached(alerts.incidentAfter()));
  }

  /**
   * A success ends the streak.
   *
   * @return the failures of a streak that was warned about (the channel hears it recovered); 0
   *     otherwise
   */
  int succeeded() {
    int recovered = warned ? consecutiveFailures : 0;
    consecutiveFailures = 0;
    warned = false;
    incidentId = null;
    return recovered;
  }

  void declared(String id) {
    incidentId = id;
  }

  String warningText(JobSpec spec, JobRun run, JobRun lastSuccess) {
    return "⚠️ Job *"
        + spec.name()
        + "* has failed "
        + consecutiveFailures
        + " times in a row. Last error: "
        + run.detail()
        + since(lastSuccess);
  }

  static String recoveredText(JobSpec spec, int failures) {
    return "✅ Job *" + spec.name() + "* succeeded again after " + failures + " failed runs.";
  }

  /**
   * The incident this streak declares. Its id is derived from the job and the run, so a replay or
   * retry can never declare it twice.
   */
  Declaration declaration(JobSpec spec, JobRun run, JobRun lastSuccess, Instant now) {
    JobAlerts alerts = spec.alerts();
    return new Declaration(
        "INC-" + DAY.format(now) + "-" + spec.name() + "-" + run.number(),
        "Scheduled job " + spec.name() + " failed " + consecutiveFailures + " times in a row",
        alerts.severity(),
        alerts.service(),
        "Last error: "
            + run.detail()
            + since(lastSuccess)
            + " Schedule: "
            + spec.cron()
            + " ("
            + spec.timeZone()
            + ").",
        null,
        "firebreak-jobs",
        null);
  }

  private boolean reached(int threshold) {
    return threshold > 0 && consecutiveFailures >= threshold;
  }

  private static String since(JobRun lastSuccess) {
    return lastSuccess == null
        ? " It has not succeeded yet."
        : " Last success: " + lastSuccess.finishedAt() + ".";
  }
}
