package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Incidents as people read them in a terminal: a table for lists, key lines for one incident. */
final class IncidentPrinter {

  private static final String ROW = "%-18s %-4s %-22s %-14s %-22s %s%n";

  void list(JsonNode incidents, PrintWriter out) {
    if (incidents.isEmpty()) {
      out.println("No incidents.");
      return;
    }
    out.printf(ROW, "ID", "SEV", "SERVICE", "STATUS", "DECLARED", "TITLE");
    for (JsonNode i : incidents) {
      out.printf(
          ROW,
          text(i, "id"),
          text(i, "severity"),
          text(i, "service"),
          text(i, "status"),
          text(i, "declaredAt"),
          text(i, "title"));
    }
  }

  void show(JsonNode view, PrintWriter out) {
    out.println(text(view, "id") + "  " + text(view, "title"));
    line(out, "Severity", view, "severity");
    line(out, "Service", view, "service");
    line(out, "Status", view, "status");
    line(out, "Commander", view, "commander");
    line(out, "Declared", view, "declaredAt");
    line(out, "Declared by", view, "declaredBy");
    line(out, "Acknowledged by", view, "acknowledgedBy");
    line(out, "Resolved", view, "resolvedAt");
    line(out, "Latest update", view, "latestUpdate");
    JsonNode suggestions = view.path("suggestions");
    suggestions.forEach(s -> out.println("  Suggestion:       " + s.asText()));
    JsonNode playbook = view.path("playbook");
    if (playbook.isObject()) {
      out.println(
          "  Playbook:         " + text(playbook, "name") + " (" + text(playbook, "title") + ")");
      JsonNode checklist = playbook.path("checklist");
      for (int i = 0; i < checklist.size(); i++) {
        JsonNode item = checklist.get(i);
        boolean ticked = item.hasNonNull("tickedBy");
        out.println(
            "    "
                + (ticked ? "[x] " : "[ ] ")
                + (i + 1)
                + ". "
                + text(item, "text")
                + (ticked ? " (" + text(item, "tickedBy") + ")" : ""));
      }
    }
    view.path("actionRuns").forEach(r -> out.println("  Action run:       " + r.asText()));
    JsonNode timeline = view.path("timeline");
    if (!timeline.isEmpty()) {
      out.println("Timeline:");
      timeline.forEach(
          e ->
              out.println(
                  "  "
                      + text(e, "at")
                      + "  "
                      + text(e, "kind")
                      + "  "
                      + text(e, "actor")
                      + (e.hasNonNull("text") ? "  " + e.get("text").asText() : "")));
    }
  }

  private static void line(PrintWriter out, String label, JsonNode node, String field) {
    if (node.hasNonNull(field)) {
      out.printf("  %-17s %s%n", label + ":", node.get(field).asText());
    }
  }

  private static String text(JsonNode node, String field) {
    return node.hasNonNull(field) ? node.get(field).asText() : "-";
  }
}
