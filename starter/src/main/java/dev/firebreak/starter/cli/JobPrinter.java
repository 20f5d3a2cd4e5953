package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;

/** Jobs as people read them in a terminal. */
final class JobPrinter {

  void list(JsonNode jobs, PrintWriter out) {
    out.printf(
        "%-24s %-16s %-8s %-10s %s%n", "JOB", "SCHEDULE", "STATE", "LAST RUN", "LAST SUCCESS");
    jobs.forEach(
        job ->
            out.printf(
                "%-24s %-16s %-8s %-10s %s%n",
                job.path("name").asText(),
                job.path("cron").asText(),
                state(job),
                job.path("lastRun").path("outcome").asText("-"),
                job.path("lastSuccess").path("finishedAt").asText("-")));
  }

  void show(JsonNode job, PrintWriter out) {
    out.println(
        job.path("name").asText()
            + "  "
            + job.path("cron").asText()
            + " ("
            + job.path("timeZone").asText()
            + ")  "
            + job.path("action").asText()
            + (job.path("dryRun").asBoolean() ? " (dry-run)" : ""));
    out.println(
        "  State:        "
            + state(job)
            + (job.hasNonNull("pausedBy") ? " by " + job.get("pausedBy").asText() : ""));
    out.println(
        "  Failures:     "
            + job.path("consecutiveFailures").asInt()
            + " in a row"
            + (job.hasNonNull("incidentId") ? "; incident " + job.get("incidentId").asText() : ""));
    out.println("  Last success: " + job.path("lastSuccess").path("finishedAt").asText("never"));
    JsonNode current = job.path("current");
    if (current.isObject()) {
      out.println(
          "  Running now:  #"
              + current.path("number").asText()
              + " since "
              + current.path("startedAt").asText()
              + " ("
              + current.path("trigger").path("kind").asText()
              + " by "
              + askedBy(current.path("trigger"))
              + ")");
    }
    job.path("history")
        .forEach(
            run ->
                out.println(
                    "  #"
                        + run.path("number").asText()
                        + "  "
                        + run.path("startedAt").asText()
                        + "  "
                        + run.path("outcome").asText()
                        + "  "
                        + askedBy(run.path("trigger"))
                        + "  "
                        + run.path("detail").asText()));
  }

  /** Who asked for a run, and the parameters they gave it ("alice with since=7d"). */
  private static String askedBy(JsonNode trigger) {
    StringBuilder text = new StringBuilder(trigger.path("by").asText());
    String separator = " with ";
    for (Map.Entry<String, JsonNode> parameter : trigger.path("parameters").properties()) {
      text.append(separator).append(parameter.getKey()).append('=');
      text.append(parameter.getValue().asText());
      separator = ", ";
    }
    return text.toString();
  }

  private static String state(JsonNode job) {
    return job.path("paused").asBoolean()
        ? "paused"
        : job.path("running").asBoolean() ? "running" : "idle";
  }
}
