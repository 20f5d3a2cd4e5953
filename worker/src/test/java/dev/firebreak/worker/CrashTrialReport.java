package dev.firebreak.worker;

import dev.firebreak.worker.SeparateProcessesOnTemporalCliTest.Trial;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The crash trial's report: each interruption and how soon its step resumed, then the counts at the fakes. */
final class CrashTrialReport {

  private CrashTrialReport() {}

  static String render(List<Trial> trials, Map<String, Integer> counts) {
    StringBuilder report = new StringBuilder("""
        # Crash trial (worker and API as OS processes on the Temporal CLI's dev server)

        Each row is one `kill -9` and restart. "Resumed" is the time from the restart command (or from
        when the step fell due, if later: the end of the monitoring period) to the interrupted step seen
        done at the fakes. The target is 15 s; an activity attempt that was running
        on the killed worker is only retried when its start-to-close timeout (%d s) runs out, so for
        those rows the bound is the target plus that timeout. A workflow task the dead worker had started
        is retried after its 10 s timeout, within the target.

        | killed | moment | activity attempts in flight | workflow task in flight | resumed after restart | bound | in time |
        |---|---|---|---|---|---|---|
        """.formatted(Trial.IN_FLIGHT_TIMEOUT.toSeconds()));
    for (Trial trial : trials) {
      report.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.1f s | %d s | %s |%n",
          trial.killed(), trial.moment(), trial.callsInFlight(), trial.workflowTaskInFlight() ? "yes" : "no",
          trial.resumedAfterRestart().toMillis() / 1000.0, trial.bound().toSeconds(), trial.inTime() ? "yes" : "NO"));
    }
    report.append("\n| count at the fakes | value |\n|---|---|\n");
    counts.forEach((name, value) -> report.append("| ").append(name).append(" | ").append(value).append(" |\n"));
    return report.toString();
  }
}
