package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Playbook action runs as people read them in a terminal. */
final class ActionRunPrinter {

  void accepted(JsonNode accepted, String incidentId, PrintWriter out) {
    String runId = accepted.path("runId").asText();
    out.println(
        "Action run "
            + runId
            + " "
            + accepted.path("status").asText()
            + "; follow it with: firebreak incident action "
            + incidentId
            + " "
            + runId);
  }

  void show(JsonNode view, PrintWriter out) {
    out.println(
        view.path("runId").asText()
            + "  "
            + view.path("action").asText()
            + " ("
            + view.path("kind").asText()
            + ", playbook "
            + view.path("playbook").asText()
            + ")"
            + (view.path("dryRun").asBoolean() ? " (dry-run)" : ""));
    out.println("  Status:       " + view.path("status").asText());
    StringBuilder requested =
        new StringBuilder("  Requested by: ").append(view.path("requestedBy").asText());
    if (view.hasNonNull("reason")) {
      requested.append(": ").append(view.get("reason").asText());
    }
    out.println(requested);
    view.path("parameters")
        .properties()
        .forEach(p -> out.println("  Parameter:    " + p.getKey() + " = " + p.getValue().asText()));
    if (view.hasNonNull("approvedBy")) {
      out.println("  Approved by:  " + view.get("approvedBy").asText());
    }
    if (view.hasNonNull("refusedBy")) {
      out.println("  Refused by:   " + view.get("refusedBy").asText());
    }
    if (view.hasNonNull("outcome")) {
      out.println("  Outcome:      " + view.get("outcome").asText());
    }
    if (view.hasNonNull("undo")) {
      out.println("  Undo with:    " + view.get("undo").asText());
    }
    view.path("steps")
        .forEach(s -> out.println("  " + s.path("at").asText() + "  " + s.path("text").asText()));
  }
}
