package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;

/** Rollbacks as people read them in a terminal. */
final class RollbackPrinter {

  void accepted(JsonNode accepted, PrintWriter out) {
    out.println(
        "Rollback "
            + accepted.path("id").asText()
            + " "
            + accepted.path("status").asText()
            + " (workflow "
            + accepted.path("workflowId").asText()
            + "); follow it with: firebreak rollback show "
            + accepted.path("id").asText());
  }

  void show(JsonNode view, PrintWriter out) {
    out.println(
        view.path("workflowId").asText()
            + "  "
            + view.path("service").asText()
            + " on "
            + view.path("platform").asText()
            + (view.path("dryRun").asBoolean() ? " (dry-run)" : ""));
    out.println("  Status:       " + view.path("status").asText());
    out.println(
        "  To deploy:    "
            + view.path("toDeployment").asText("-")
            + " (live before: "
            + view.path("fromDeployment").asText("-")
            + ")");
    out.println(
        "  Requested by: "
            + view.path("requestedBy").asText()
            + ": "
            + view.path("reason").asText());
    if (view.hasNonNull("outcome")) {
      out.println("  Outcome:      " + view.get("outcome").asText());
    }
    view.path("steps")
        .forEach(s -> out.println("  " + s.path("at").asText() + "  " + s.path("text").asText()));
  }
}
