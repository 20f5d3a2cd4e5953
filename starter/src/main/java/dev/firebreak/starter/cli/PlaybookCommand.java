package dev.firebreak.starter.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code firebreak playbook list|show}, over the HTTP API. */
@Command(
    name = "playbook",
    description = "Playbooks: list them, show one with its diagnosis, actions and checklist.",
    mixinStandardHelpOptions = true,
    subcommands = {PlaybookCommand.List.class, PlaybookCommand.Show.class})
public final class PlaybookCommand {

  static final String BASE = "/api/v1/playbooks";
  private static final PlaybookPrinter PRINTER = new PlaybookPrinter();

  @Command(
      name = "list",
      description = "Every configured playbook, in the order matching tries them.",
      mixinStandardHelpOptions = true)
  static final class List extends ApiCommand {
    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.list(api.get(BASE), out);
    }
  }

  @Command(
      name = "show",
      description = "A playbook's match, symptoms, probes, actions, checklist and prevention.",
      mixinStandardHelpOptions = true)
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(api.get(NamedCommand.path(BASE, name)), out);
    }
  }
}
