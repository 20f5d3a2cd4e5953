package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firebreak incident ...}: declare and drive incidents through the HTTP API. */
@Command(
    name = "incident",
    description =
        "Declare, acknowledge, update, resolve, list and show incidents; run their playbook actions.",
    mixinStandardHelpOptions = true,
    subcommands = {
      IncidentCommand.Declare.class,
      IncidentCommand.Ack.class,
      IncidentCommand.Update.class,
      IncidentCommand.Resolve.class,
      IncidentCommand.ListIncidents.class,
      IncidentCommand.Show.class,
      IncidentRollback.class,
      IncidentActionRuns.Run.class,
      IncidentActionRuns.Show.class,
      IncidentActionRuns.Approve.class,
      IncidentActionRuns.Refuse.class,
      IncidentActionRuns.Undo.class
    })
public final class IncidentCommand {

  private static final String BASE = "/api/v1/incidents";
  private static final IncidentPrinter PRINTER = new IncidentPrinter();

  static String path(String id) {
    return BASE + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  @Command(name = "declare", description = "Declare an incident.", mixinStandardHelpOptions = true)
  static final class Declare extends ApiCommand {
    @Option(names = "--severity", required = true, description = "P0 (worst) to P4")
    String severity;

    @Option(names = "--service", required = true, description = "a service from firebreak.yaml")
    String service;

    @Option(names = "--title", required = true)
    String title;

    @Option(names = "--description")
    String description;

    @Option(names = "--commander")
    String commander;

    @Override
    void run(ApiClient api, PrintWriter out) {
      JsonNode declared =
          api.post(
              BASE,
              body(
                  "title",
                  title,
                  "severity",
                  severity,
                  "service",
                  service,
                  "description",
                  description,
                  "commander",
                  commander));
      out.println(
          "Declared "
              + declared.get("id").asText()
              + " (workflow "
              + declared.get("workflowId").asText()
              + ")");
    }
  }

  @Command(
      name = "ack",
      description = "Acknowledge an incident; stops escalation.",
      mixinStandardHelpOptions = true)
  static final class Ack extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--by", description = "who acknowledges (default: the token's name)")
    String by;

    @Override
    void run(ApiClient api, PrintWriter out) {
      JsonNode view = api.post(path(id) + "/ack", body("by", by));
      out.println(
          id
              + " acknowledged by "
              + view.path("acknowledgedBy").asText()
              + "; status "
              + view.path("status").asText());
    }
  }

  @Command(
      name = "update",
      description = "Post a responder update.",
      mixinStandardHelpOptions = true)
  static final class Update extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--text", required = true, description = "what you found")
    String text;

    @Option(names = "--eta", description = "when you expect it fixed")
    String eta;

    @Option(names = "--actions", description = "what you are doing")
    String actions;

    @Option(names = "--by")
    String by;

    @Override
    void run(ApiClient api, PrintWriter out) {
      JsonNode view =
          api.post(
              path(id) + "/updates", body("by", by, "text", text, "eta", eta, "actions", actions));
      out.println(id + " updated; status " + view.path("status").asText());
    }
  }

  @Command(
      name = "resolve",
      description = "Resolve an incident (refused while health checks fail).",
      mixinStandardHelpOptions = true)
  static final class Resolve extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--summary")
    String summary;

    @Option(names = "--root-cause")
    String rootCause;

    @Option(names = "--by")
    String by;

    @Override
    void run(ApiClient api, PrintWriter out) {
      JsonNode view =
          api.post(
              path(id) + "/resolve", body("by", by, "summary", summary, "rootCause", rootCause));
      out.println(id + " resolved; status " + view.path("status").asText());
    }
  }

  @Command(
      name = "list",
      description = "List incidents, newest first.",
      mixinStandardHelpOptions = true)
  static final class ListIncidents extends ApiCommand {
    @Option(names = "--open", description = "only incidents still running (same as --status open)")
    boolean open;

    @Option(
        names = "--status",
        description =
            "open (still running), closed, or a phase: declared, acknowledged, "
                + "assessing, mitigating, monitoring, post_mortem")
    String status;

    @Option(names = "--severity", description = "P0 to P4")
    String severity;

    @Option(names = "--service", description = "a service from firebreak.yaml")
    String service;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.list(
          api.get(
              BASE
                  + query(
                      "status",
                      open && status == null ? "open" : status,
                      "severity",
                      severity,
                      "service",
                      service)),
          out);
    }
  }

  /** A query string of the pairs whose value is set, each value URL-encoded; empty when none is. */
  static String query(String... namesAndValues) {
    StringBuilder query = new StringBuilder();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      if (namesAndValues[i + 1] != null) {
        query
            .append(query.length() == 0 ? '?' : '&')
            .append(namesAndValues[i])
            .append('=')
            .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
      }
    }
    return query.toString();
  }

  @Command(
      name = "show",
      description = "Show an incident's state and timeline, or its post-mortem.",
      mixinStandardHelpOptions = true)
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--postmortem", description = "print the post-mortem report (Markdown)")
    boolean postMortem;

    @Override
    void run(ApiClient api, PrintWriter out) {
      if (postMortem) {
        out.println(api.text(path(id) + "/postmortem"));
      } else {
        PRINTER.show(api.get(path(id)), out);
      }
    }
  }
}
