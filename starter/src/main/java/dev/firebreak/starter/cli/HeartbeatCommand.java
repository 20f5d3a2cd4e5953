package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code firebreak heartbeat list|show|pause|resume}, over the HTTP API. */
@Command(
    name = "heartbeat",
    description =
        "Heartbeats (jobs that run elsewhere and ping Firebreak): list them, show one, pause or resume one.",
    mixinStandardHelpOptions = true,
    subcommands = {
      HeartbeatCommand.List.class,
      HeartbeatCommand.Show.class,
      HeartbeatCommand.Pause.class,
      HeartbeatCommand.Resume.class
    })
public final class HeartbeatCommand {

  static final String BASE = "/api/v1/heartbeats";
  private static final HeartbeatPrinter PRINTER = new HeartbeatPrinter();

  static String path(String name) {
    return NamedCommand.path(BASE, name);
  }

  @Command(
      name = "list",
      description = "Every configured heartbeat with its state and last ping.",
      mixinStandardHelpOptions = true)
  static final class List extends ApiCommand {
    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.list(api.get(BASE), out);
    }
  }

  @Command(
      name = "show",
      description = "A heartbeat's state, expected time, durations and latest pings.",
      mixinStandardHelpOptions = true)
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(api.get(path(name)), out);
    }
  }

  /** Pause and resume: the same call but for the last path segment. */
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
      name = "pause",
      description = "Stop a heartbeat's deadlines (pings are only recorded) until it is resumed.",
      mixinStandardHelpOptions = true)
  static final class Pause extends Verb {
    @Override
    String verb() {
      return "pause";
    }
  }

  @Command(
      name = "resume",
      description = "Resume a paused heartbeat: the next ping is expected one period from now.",
      mixinStandardHelpOptions = true)
  static final class Resume extends Verb {
    @Override
    String verb() {
      return "resume";
    }
  }
}
