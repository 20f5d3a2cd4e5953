package dev.firebreak.starter.cli;

import dev.firebreak.starter.config.DurationText;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firebreak maintenance schedule|show|list|extend|abort|confirm}, over the HTTP API. */
@Command(
    name = "maintenance",
    description = "Schedule and follow maintenance windows.",
    mixinStandardHelpOptions = true,
    subcommands = {
      MaintenanceCommand.Schedule.class,
      MaintenanceCommand.Show.class,
      MaintenanceCommand.ListWindows.class,
      MaintenanceCommand.Extend.class,
      MaintenanceCommand.Abort.class,
      MaintenanceCommand.Confirm.class
    })
public final class MaintenanceCommand {

  static final String BASE = "/api/v1/maintenance-windows";
  private static final MaintenancePrinter PRINTER = new MaintenancePrinter();

  static String path(String id) {
    return BASE + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  /** An ISO instant, {@code now}, or {@code +5m} from now. */
  static Instant when(String text, Clock clock) {
    if (text.equals("now")) {
      return clock.instant();
    }
    if (text.startsWith("+")) {
      return DurationText.parse(text.substring(1))
          .map(d -> clock.instant().plus(d))
          .orElseThrow(
              () ->
                  new ApiCallException(
                      "'" + text + "' is not a time: use +15m, +2h or an ISO instant"));
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new ApiCallException(
          "'" + text + "' is not a time: use an ISO instant such as 2026-12-06T02:00:00Z, or +15m");
    }
  }

  @Command(
      name = "schedule",
      description =
          "Schedule a window; it is announced, checked, run and monitored by the runbook.",
      mixinStandardHelpOptions = true)
  static final class Schedule extends ApiCommand {
    @Option(names = "--title", required = true)
    String title;

    @Option(
        names = "--service",
        required = true,
        paramLabel = "SERVICE",
        description = "repeat for several")
    List<String> services;

    @Option(names = "--start", required = true, description = "ISO instant, now or +15m")
    String start;

    @Option(names = "--end", required = true, description = "ISO instant or +2h (from now)")
    String end;

    @Option(
        names = "--step",
        paramLabel = "NAME",
        description =
            "a step the config defines (maintenance.steps), by name; repeatable, run before any manual step")
    List<String> configSteps;

    @Option(
        names = "--manual-step",
        paramLabel = "NAME=WHAT",
        description = "a step a person does and confirms; repeatable")
    List<String> manualSteps;

    @Option(
        names = "--template",
        description = "the config window to run by (default: the one covering the first service)")
    String template;

    @Option(names = "--confirm", description = "schedule even while a P0/P1 incident is open")
    boolean confirm;

    @Override
    void run(ApiClient api, PrintWriter out) {
      Clock clock = Clock.systemUTC();
      List<Map<String, String>> steps = new ArrayList<>();
      // A name alone refers to a step of the config: the only way a request adds an HTTP call.
      (configSteps == null ? List.<String>of() : configSteps)
          .forEach(name -> steps.add(Map.of("name", name)));
      (manualSteps == null ? List.<String>of() : manualSteps)
          .forEach(
              step -> {
                int equals = step.indexOf('=');
                steps.add(
                    equals < 0
                        ? Map.of("name", step, "manual", step)
                        : Map.of(
                            "name",
                            step.substring(0, equals),
                            "manual",
                            step.substring(equals + 1)));
              });
      PRINTER.scheduled(
          api.post(
              BASE,
              body(
                  "title",
                  title,
                  "services",
                  services,
                  "start",
                  when(start, clock).toString(),
                  "end",
                  when(end, clock).toString(),
                  "steps",
                  steps.isEmpty() ? null : steps,
                  "template",
                  template,
                  "confirm",
                  confirm ? true : null)),
          out);
    }
  }

  @Command(
      name = "show",
      description = "Show a window's status and timeline.",
      mixinStandardHelpOptions = true)
  static final class Show extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(api.get(path(id)), out);
    }
  }

  @Command(
      name = "list",
      description = "List maintenance windows, latest start first.",
      mixinStandardHelpOptions = true)
  static final class ListWindows extends ApiCommand {
    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.list(api.get(BASE), out);
    }
  }

  @Command(
      name = "extend",
      description = "Move a window's planned end later.",
      mixinStandardHelpOptions = true)
  static final class Extend extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--until", required = true, description = "ISO instant or +30m (from now)")
    String until;

    @Option(names = "--reason")
    String reason;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(
          api.post(
              path(id) + "/extend",
              body("until", when(until, Clock.systemUTC()).toString(), "reason", reason)),
          out);
    }
  }

  @Command(
      name = "abort",
      description = "Stop a window: maintenance mode off, rollback where something changed.",
      mixinStandardHelpOptions = true)
  static final class Abort extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--reason")
    String reason;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(api.post(path(id) + "/abort", body("reason", reason)), out);
    }
  }

  @Command(
      name = "confirm",
      description = "Confirm the manual step a window waits for (or --failed).",
      mixinStandardHelpOptions = true)
  static final class Confirm extends ApiCommand {
    @Parameters(index = "0", paramLabel = "ID")
    String id;

    @Option(names = "--step", description = "the step's name, to be sure it is the one waiting")
    String step;

    @Option(
        names = "--failed",
        description = "the step did not work: the window fails and rolls back")
    boolean failed;

    @Option(names = "--note")
    String note;

    @Override
    void run(ApiClient api, PrintWriter out) {
      PRINTER.show(
          api.post(
              path(id) + "/confirm",
              body("step", step, "failed", failed ? true : null, "note", note)),
          out);
    }
  }
}
