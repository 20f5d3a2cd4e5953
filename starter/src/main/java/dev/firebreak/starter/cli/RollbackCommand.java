package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code firebreak rollback <service> ...}, and {@code rollback show|approve|refuse ID}, over the
 * HTTP API.
 */
@Command(
    name = "rollback",
    description = "Roll a service back to its previous good deploy (or --to one).",
    mixinStandardHelpOptions = true,
    subcommands = {
      RollbackCommand.Show.class,
      RollbackCommand.Approve.class,
      RollbackCommand.Refuse.class
    })
public final class RollbackCommand extends ApiCommand {

  static final String BASE = "/api/v1/rollbacks";
  private static final RollbackPrinter PRINTER = new RollbackPrinter();

  // Optional to picocli, so that `rollback show ID` does not ask for a service and a reason; run()
  // requires them.
  @Parameters(index = "0", arity = "0..1", paramLabel = "SERVICE")
  String service;

  @Option(
      names = "--to",
      paramLabel = "DEPLOY",
      description = "the deploy to go back to (default: the previous good one)")
  String to;

  @Option(names = "--reason", description = "why (required)")
  String reason;

  @Option(names = "--incident", paramLabel = "ID", description = "the incident to report to")
  String incident;

  @Option(
      names = "--key",
      description = "Idempotency-Key (default: a new one); repeat it to get the same rollback")
  String key;

  @Override
  void run(ApiClient api, PrintWriter out) {
    if (service == null || reason == null || reason.isBlank()) {
      throw new ApiCallException(
          "give the SERVICE to roll back and --reason (or use rollback show|approve|refuse ID)");
    }
    JsonNode accepted =
        api.post(
            BASE,
            body("service", service, "toDeployment", to, "reason", reason, "incidentId", incident),
            key != null ? key : UUID.randomUUID().toString());
    PRINTER.accepted(accepted, out);
  }

  static String path(String id) {
    return BASE + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  @Command(
      name = "show",
      description = "Show a rollback's status and steps.",
      mixinStandardHelpOptions = true)
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(api.get(path(id)), out);
    }
  }

  /** Approve or refuse: the same call but for the last path segment. */
  abstract static class Decision extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--comment")
    String comment;

    abstract String action();

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(api.post(path(id) + "/" + action(), body("comment", comment)), out);
    }
  }

  @Command(
      name = "approve",
      description = "Approve a rollback waiting for approval.",
      mixinStandardHelpOptions = true)
  static final class Approve extends Decision {
    @Override
    String action() {
      return "approve";
    }
  }

  @Command(
      name = "refuse",
      description = "Refuse a rollback waiting for approval.",
      mixinStandardHelpOptions = true)
  static final class Refuse extends Decision {
    @Override
    String action() {
      return "refuse";
    }
  }
}
