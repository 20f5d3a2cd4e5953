package dev.firebreak.workflows.heartbeat;

import dev.firebreak.workflows.common.HumanDuration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The words of a heartbeat's incidents: titles' details and descriptions, decided from the record
 * and the clock alone, so they are plain functions a test calls without a workflow.
 */
final class HeartbeatDescriptions {

  /** The failure's output an incident quotes: its last lines, within a Slack message's room. */
  static final int FAILURE_LINES = 20;

  static final int FAILURE_CHARS = 1_500;

  private HeartbeatDescriptions() {}

  static boolean runIsOverdue(HeartbeatSpec spec, HeartbeatRecord record, Instant now) {
    return record.runStartedAt() != null
        && spec.maxRunTime() != null
        && !now.isBefore(record.runStartedAt().plus(spec.maxRunTime()));
  }

  static String downTitle(HeartbeatSpec spec, HeartbeatRecord record, Instant now) {
    return runIsOverdue(spec, record, now)
        ? "Heartbeat " + spec.name() + ": a run started and did not finish"
        : "Heartbeat " + spec.name() + " is down: no ping";
  }

  static String missingDescription(
      HeartbeatSpec spec, HeartbeatClock clock, HeartbeatRecord record, Instant now) {
    if (runIsOverdue(spec, record, now)) {
      return "A run started at "
          + record.runStartedAt()
          + (record.runId() == null ? "" : " (rid " + record.runId() + ")")
          + " and has not finished within "
          + HumanDuration.of(spec.maxRunTime())
          + " plus "
          + HumanDuration.of(spec.grace())
          + " of grace.";
    }
    return "No ping since "
        + record.lastSuccessAt()
        + "; one was expected at "
        + clock.expectedAfter(record.expectedFrom())
        + " ("
        + spec.schedule()
        + ", grace "
        + HumanDuration.of(spec.grace())
        + ").";
  }

  /** The note and alert text that resolve an incident when the heartbeat pings again. */
  static String recoveryText(HeartbeatSpec spec, HeartbeatPing good, Instant lastFailureAt) {
    return "Heartbeat "
        + spec.name()
        + " pinged again at "
        + good.at()
        + (lastFailureAt == null ? "" : " (last failure " + lastFailureAt + ")")
        + "; resolving.";
  }

  /**
   * The failure with the last lines of what the job posted, as plain text: the Slack layout escapes
   * it where it lays it out ({@code SlackEscaping}), so escaping here would escape twice.
   */
  static String failureDescription(HeartbeatPing failed) {
    String head =
        "The job reported a failure"
            + (failed.exitStatus() == null ? "" : " (exit status " + failed.exitStatus() + ")")
            + " at "
            + failed.at()
            + ".";
    String lines = lastLines(failed.body());
    return lines.isEmpty() ? head : head + " Last lines of its output:\n" + lines;
  }

  static String lastLines(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    List<String> all = Arrays.asList(body.strip().split("\\R"));
    String tail =
        String.join("\n", all.subList(Math.max(0, all.size() - FAILURE_LINES), all.size()));
    // The end of the output says what failed, so a long tail loses its start, not its end.
    return tail.length() <= FAILURE_CHARS
        ? tail
        : "…" + tail.substring(tail.length() - (FAILURE_CHARS - 1));
  }
}
