package dev.firebreak.worker;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The crash trial's report: each interruption and how soon its step resumed, then the counts at the
 * fakes.
 */
final class CrashTrialReport {

  /** The target for every row: the interrupted step is seen done this soon after the restart. */
  static final Duration TARGET = Duration.ofSeconds(15);

  /**
   * One interruption: what was killed with {@code kill -9} and when, what of the workflow was in
   * flight, how long after the restart the interrupted step resumed (held to the target) and was
   * done.
   *
   * @param callsInFlight activity attempts the server still listed as running on the dead worker
   */
  record Kill(
      String killed,
      String moment,
      String inFlight,
      int callsInFlight,
      Duration resumedAfterRestart,
      Duration doneAfterRestart) {

    /** A step that is done as it resumes (a command answered, a timer that fired). */
    static Kill at(
        String killed,
        String moment,
        String inFlight,
        int callsInFlight,
        Duration resumedAfterRestart) {
      return new Kill(
          killed, moment, inFlight, callsInFlight, resumedAfterRestart, resumedAfterRestart);
    }

    boolean inTime() {
      return resumedAfterRestart.compareTo(TARGET) <= 0;
    }
  }

  private CrashTrialReport() {}

  static String render(List<Kill> kills, Map<String, Integer> counts) {
    StringBuilder report =
        new StringBuilder(
            """
        # Crash trial (workers and API as OS processes on the Temporal CLI's dev server)

        Each row is one `kill -9` and restart. "Resumed" is the time from the restart command (or from
        when the step fell due, if later: the end of the monitoring period) until the interrupted step
        is taken up again, seen at the fakes: the workflow's first provider call after the restart (for
        a call the dead worker was running, its retry), or the command or timer's effect. The target,
        %d s, holds for every row. "Done" is when all of the step was seen done. An activity attempt
        that was running on the killed worker is retried when its start-to-close timeout runs out
        (10 s for provider calls), a rollback's status poll when its heartbeat timeout does (10 s), and
        a workflow task the dead worker had started when its 10 s timeout does.

        | # | killed | moment | in flight | attempts running | resumed after restart | done after restart | verdict |
        |---|---|---|---|---|---|---|---|
        """
                .formatted(TARGET.toSeconds()));
    for (int i = 0; i < kills.size(); i++) {
      Kill kill = kills.get(i);
      report.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %s | %s | %d | %.1f s | %.1f s | %s |%n",
              i + 1,
              kill.killed(),
              kill.moment(),
              kill.inFlight(),
              kill.callsInFlight(),
              kill.resumedAfterRestart().toMillis() / 1000.0,
              kill.doneAfterRestart().toMillis() / 1000.0,
              kill.inTime() ? "in time" : "LATE"));
    }
    report.append("\n| count at the fakes | value |\n|---|---|\n");
    counts.forEach(
        (name, value) ->
            report.append("| ").append(name).append(" | ").append(value).append(" |\n"));
    return report.toString();
  }
}
