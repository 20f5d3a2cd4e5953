package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firebreak job list|show|run|pause|resume}, over the HTTP API. */
@Command(
    name = "job",
    description = "Scheduled jobs: list them, show one, run one now, pause or resume one.",
    mixinStandardHelpOptions = true,
    subcommands = {
      JobCommand.List.class,
      JobCommand.Show.class,
      JobCommand.Run.class,
      JobCommand.Pause.class,
      JobCommand.Resume.class
    })
public final class JobCommand {

  static final String BASE = "/api/v1/jobs";
  private static final JobPrinter PRINTER = new JobPrinter();

  static String path(String name) {
    return NamedCommand.path(BASE, name);
  }

  @Command(
      name = "list",
      description = "Every configured job with its schedule and last outcome.",
      mixinStandardHelpOptions = true)
  static final class List extends ApiCommand {
    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.list(api.get(BASE), out);
    }
  }

  @Command(
      name = "show",
      description = "A job's schedule, state and latest runs.",
      mixinStandardHelpOptions = true)
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(api.get(path(name)), out);
    }
  }

  /** Run, pause and resume: the same call but for the last path segment. */
  abstract static class Verb extends NamedCommand {
    @Override
    String base() {
      return BASE;
    }

    @Override
    void print(JsonNode answer, PrintWriter out) {
      PRINTER.show(answer, out);
    }
  }

  @Command(
      name = "run",
      description = "Run a job now, paused or not, optionally with parameters.",
      mixinStandardHelpOptions = true)
  static final class Run extends Verb {
    @Option(
        names = "--param",
        paramLabel = "NAME=VALUE",
        description = "a value for one of the job's parameters; the others take their defaults")
    Map<String, String> parameters;

    @Override
    String verb() {
      return "run";
    }

    @Override
    void run(ApiClient api, PrintWriter out) {
      print(
          api.post(
              path(base(), name) + "/" + verb(), body("reason", reason, "parameters", parameters)),
          out);
    }
  }

  @Command(
      name = "pause",
      description = "Skip a job's scheduled runs until it is resumed.",
      mixinStandardHelpOptions = true)
  static final class Pause extends Verb {
    @Override
    String verb() {
      return "pause";
    }
  }

  @Command(
      name = "resume",
      description = "Resume a paused job's scheduled runs.",
      mixinStandardHelpOptions = true)
  static final class Resume extends Verb {
    @Override
    String verb() {
      return "resume";
    }
  }
}
