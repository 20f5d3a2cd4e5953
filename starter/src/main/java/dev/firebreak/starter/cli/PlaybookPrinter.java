package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** Playbooks as people read them in a terminal. */
final class PlaybookPrinter {

  void list(JsonNode playbooks, PrintWriter out) {
    out.printf("%-24s %-36s %-8s %s%n", "PLAYBOOK", "TITLE", "ACTIONS", "MATCH");
    playbooks.forEach(
        playbook ->
            out.printf(
                "%-24s %-36s %-8d %s%n",
                playbook.path("name").asText(),
                playbook.path("title").asText(),
                playbook.path("actions").size(),
                match(playbook.path("match"))));
  }

  void show(JsonNode playbook, PrintWriter out) {
    out.println(playbook.path("name").asText() + "  " + playbook.path("title").asText());
    out.println("  Match:     " + match(playbook.path("match")));
    if (playbook.hasNonNull("symptoms")) {
      out.println("  Symptoms:  " + playbook.get("symptoms").asText());
    }
    if (!playbook.path("probes").isEmpty()) {
      out.println("  Diagnosis:");
      playbook
          .path("probes")
          .forEach(
              probe ->
                  out.println(
                      "    "
                          + probe.path("name").asText()
                          + " ("
                          + probe.path("kind").asText()
                          + (probe.path("critical").asBoolean() ? ", critical" : "")
                          + ")"
                          + target(probe)));
    }
    if (!playbook.path("actions").isEmpty()) {
      out.println("  Actions:");
      playbook.path("actions").forEach(action -> out.println("    " + action(action)));
    }
    numbered("Checklist", playbook.path("checklist"), out);
    numbered("Prevention", playbook.path("prevention"), out);
  }

  private static String target(JsonNode probe) {
    if (probe.hasNonNull("url")) {
      return " " + probe.get("url").asText();
    }
    return probe.hasNonNull("service") ? " of " + probe.get("service").asText() : "";
  }

  private static String action(JsonNode action) {
    StringBuilder text =
        new StringBuilder(action.path("name").asText())
            .append(" (")
            .append(action.path("step").path("kind").asText())
            .append(")");
    if (!action.path("title").asText().equals(action.path("name").asText())) {
      text.append(": ").append(action.path("title").asText());
    }
    text.append("; roles ").append(join(action.path("roles")));
    if (action.hasNonNull("approval")) {
      JsonNode approvers = action.get("approval").path("approverRoles");
      text.append("; needs approval").append(approvers.isEmpty() ? "" : " by " + join(approvers));
    }
    if (!action.path("parameters").isEmpty()) {
      List<String> names = new ArrayList<>();
      action.path("parameters").forEach(p -> names.add(p.path("name").asText()));
      text.append("; parameters ").append(String.join(", ", names));
    }
    if (action.hasNonNull("undo")) {
      text.append("; undone by ").append(action.get("undo").asText());
    }
    return text.toString();
  }

  private static String match(JsonNode match) {
    List<String> parts = new ArrayList<>();
    for (String field : List.of("alerts", "services", "severities", "words")) {
      if (!match.path(field).isEmpty()) {
        parts.add(field + " " + join(match.get(field)));
      }
    }
    match
        .path("labels")
        .properties()
        .forEach(label -> parts.add(label.getKey() + "=" + label.getValue().asText()));
    return parts.isEmpty() ? "only by name" : String.join("; ", parts);
  }

  private static void numbered(String heading, JsonNode items, PrintWriter out) {
    if (items.isEmpty()) {
      return;
    }
    out.println("  " + heading + ":");
    for (int i = 0; i < items.size(); i++) {
      out.println("    " + (i + 1) + ". " + items.get(i).asText());
    }
  }

  private static String join(JsonNode texts) {
    List<String> words = new ArrayList<>();
    texts.forEach(t -> words.add(t.asText()));
    return String.join(", ", words);
  }
}
