package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.workflows.common.HumanDuration;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Heartbeats as people read them in a terminal. */
final class HeartbeatPrinter {

  void list(JsonNode heartbeats, PrintWriter out) {
    out.printf(
        "%-24s %-22s %-8s %-26s %s%n",
        "HEARTBEAT", "SCHEDULE", "STATE", "LAST SUCCESS", "INCIDENT");
    heartbeats.forEach(
        heartbeat ->
            out.printf(
                "%-24s %-22s %-8s %-26s %s%n",
                heartbeat.path("name").asText(),
                heartbeat.path("schedule").asText(),
                state(heartbeat),
                heartbeat.path("lastSuccessAt").asText("-"),
                heartbeat.path("incidentId").asText("-")));
  }

  void show(JsonNode heartbeat, PrintWriter out) {
    out.println(
        heartbeat.path("name").asText()
            + "  "
            + heartbeat.path("schedule").asText()
            + ", grace "
            + duration(heartbeat.path("grace"))
            + (heartbeat.hasNonNull("maxRunTime")
                ? ", runs within " + duration(heartbeat.get("maxRunTime"))
                : "")
            + "  "
            + heartbeat.path("severity").asText()
            + " on "
            + heartbeat.path("service").asText());
    out.println(
        "  State:        "
            + state(heartbeat)
            + (heartbeat.hasNonNull("pausedBy") ? " by " + heartbeat.get("pausedBy").asText() : "")
            + (heartbeat.hasNonNull("incidentId")
                ? "; incident " + heartbeat.get("incidentId").asText()
                : ""));
    out.println("  Expected at:  " + heartbeat.path("expectedAt").asText("-"));
    out.println("  Last success: " + heartbeat.path("lastSuccessAt").asText("never"));
    out.println("  Last failure: " + heartbeat.path("lastFailureAt").asText("never"));
    if (heartbeat.path("running").asBoolean()) {
      out.println("  Running since " + heartbeat.path("runStartedAt").asText());
    }
    out.println("  Last run took " + duration(heartbeat.path("lastDuration")));
    out.printf(
        Locale.ROOT,
        "  Pings:        %d received, %d signalled (%.1f Temporal actions a day)%n",
        heartbeat.path("pings").asLong() + heartbeat.path("absorbedPings").asLong(),
        heartbeat.path("signals").asLong(),
        heartbeat.path("actionsPerDay").asDouble());
    heartbeat
        .path("recent")
        .forEach(
            ping ->
                out.println(
                    "  "
                        + ping.path("at").asText()
                        + "  "
                        + ping.path("kind").asText()
                        + (ping.hasNonNull("exitStatus")
                            ? " (exit " + ping.get("exitStatus").asText() + ")"
                            : "")
                        + (ping.hasNonNull("runId") ? " rid " + ping.get("runId").asText() : "")
                        + "  "
                        + ping.path("source").asText()));
  }

  private static String state(JsonNode heartbeat) {
    String state = heartbeat.path("state").asText("NEW").toLowerCase(Locale.ROOT);
    return heartbeat.path("running").asBoolean() ? state + ", running" : state;
  }

  /** The API writes durations in seconds ({@code 300.0}); people read "5m". */
  private static String duration(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return "n/a";
    }
    if (value.isNumber()) {
      return HumanDuration.of(Duration.ofMillis(Math.round(value.asDouble() * 1000)));
    }
    try {
      return HumanDuration.of(Duration.parse(value.asText()));
    } catch (DateTimeParseException e) {
      return value.asText();
    }
  }
}
