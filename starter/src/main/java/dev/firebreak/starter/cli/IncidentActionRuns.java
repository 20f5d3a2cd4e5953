package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code firebreak incident run|action|approve|refuse|undo}: an incident's playbook actions over
 * the HTTP API ({@code /api/v1/incidents/{id}/actions}).
 */
final class IncidentActionRuns {

  private static final ActionRunPrinter PRINTER = new ActionRunPrinter();

  private IncidentActionRuns() {}

  static String path(String id, String runOrAction) {
    return IncidentCommand.path(id)
        + "/actions/"
        + URLEncoder.encode(runOrAction, StandardCharsets.UTF_8);
  }

  @Command(
      name = "run",
      description = "Run one of the incident's playbook actions.",
      mixinStandardHelpOptions = true)
  static final class Run extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "ACTION", description = "an action of its playbook")
    String action;

    @Option(
        names = "--param",
        paramLabel = "NAME=VALUE",
        description = "a value for one of the action's parameters; repeat for more")
    Map<String, String> parameters;

    @Option(names = "--reason")
    String reason;

    @Option(
        names = "--key",
        description = "an Idempotency-Key: running again with it finds the same run")
    String key;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.accepted(
          api.post(path(id, action), body("parameters", parameters, "reason", reason), key),
          id,
          out);
    }
  }

  @Command(
      name = "action",
      description = "Show one run of a playbook action: status, approvals, outcome and steps.",
      mixinStandardHelpOptions = true)
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "RUN")
    String run;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(api.get(path(id, run)), out);
    }
  }

  /** Approve and refuse take the same arguments. */
  abstract static class Decision extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "RUN")
    String run;

    @Option(names = "--comment")
    String comment;

    JsonNode decide(ApiClient api, String verb) {
      return api.post(path(id, run) + "/" + verb, body("comment", comment));
    }
  }

  @Command(
      name = "approve",
      description = "Approve an action run that waits for approval (not your own).",
      mixinStandardHelpOptions = true)
  static final class Approve extends Decision {
    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(decide(api, "approve"), out);
    }
  }

  @Command(
      name = "refuse",
      description = "Refuse an action run that waits for approval; nothing runs.",
      mixinStandardHelpOptions = true)
  static final class Refuse extends Decision {
    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(decide(api, "refuse"), out);
    }
  }

  @Command(
      name = "undo",
      description = "Run the action that reverts a run (its playbook's undo).",
      mixinStandardHelpOptions = true)
  static final class Undo extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Parameters(index = "1", paramLabel = "RUN")
    String run;

    @Option(names = "--reason")
    String reason;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.accepted(api.post(path(id, run) + "/undo", body("reason", reason)), id, out);
    }
  }
}
