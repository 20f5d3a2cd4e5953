package dev.firebreak.starter.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code firebreak incident rollback ID}: runs the assessment's rollback suggestion for the
 * incident's service.
 */
@Command(
    name = "rollback",
    description = "Roll the incident's service back (the assessment's suggestion, or --to).",
    mixinStandardHelpOptions = true)
final class IncidentRollback extends ApiCommand {
  @Parameters(index = "0", paramLabel = "ID")
  String id;

  @Option(names = "--to", paramLabel = "DEPLOY")
  String to;

  @Option(names = "--reason")
  String reason;

  @Override
  void run(ApiClient api, PrintWriter out) {
    new RollbackPrinter()
        .accepted(
            api.post(
                IncidentCommand.path(id) + "/rollback", body("toDeployment", to, "reason", reason)),
            out);
  }
}
