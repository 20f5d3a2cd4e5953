package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Maintenance windows as people read them in a terminal. */
final class MaintenancePrinter {

  void scheduled(JsonNode created, PrintWriter out) {
    out.println(
        "Maintenance "
            + created.path("id").asText()
            + " "
            + created.path("status").asText()
            + " (workflow "
            + created.path("workflowId").asText()
            + "); follow it with: firebreak maintenance show "
            + created.path("id").asText());
  }

  void show(JsonNode view, PrintWriter out) {
    out.println(view.path("id").asText() + "  " + view.path("title").asText());
    out.println(
        "  Status:       "
            + view.path("status").asText()
            + (view.hasNonNull("waitingFor")
                ? " (waiting for '" + view.get("waitingFor").asText() + "')"
                : ""));
    out.println("  Services:     " + join(view.path("services")));
    out.println(
        "  Planned:      " + view.path("start").asText() + " to " + view.path("end").asText());
    out.println("  Scheduled by: " + view.path("requestedBy").asText());
    if (view.hasNonNull("incidentId")) {
      out.println("  Incident:     " + view.get("incidentId").asText());
    }
    if (view.hasNonNull("outcome")) {
      out.println("  Outcome:      " + view.get("outcome").asText());
    }
    view.path("timeline")
        .forEach(
            e ->
                out.println(
                    "  "
                        + e.path("at").asText()
                        + "  "
                        + e.path("kind").asText()
                        + "  "
                        + e.path("text").asText()));
  }

  void list(JsonNode windows, PrintWriter out) {
    if (windows.isEmpty()) {
      out.println("No maintenance windows.");
    }
    windows.forEach(
        w ->
            out.println(
                String.format(
                    "%-16s %-11s %s → %s  %s  %s",
                    w.path("id").asText(),
                    w.path("status").asText(),
                    w.path("start").asText(),
                    w.path("end").asText(),
                    join(w.path("services")),
                    w.path("title").asText())));
  }

  private static String join(JsonNode array) {
    StringBuilder text = new StringBuilder();
    array.forEach(item -> text.append(text.length() == 0 ? "" : ", ").append(item.asText()));
    return text.toString();
  }
}
