package dev.firebreak.starter.slack;

import static dev.firebreak.starter.slack.SlackMarkup.escape;

import dev.firebreak.starter.config.DurationText;
import dev.firebreak.starter.config.MaintenanceStepConfig;
import dev.firebreak.starter.maintenance.MaintenanceBody;
import dev.firebreak.starter.maintenance.MaintenanceSummary;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import dev.firebreak.starter.service.TemporalFailures;
import dev.firebreak.workflows.maintenance.Abort;
import dev.firebreak.workflows.maintenance.MaintenanceView;
import dev.firebreak.workflows.maintenance.StepConfirmation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code /maintenance}: schedule, list, look at, abort and confirm steps of maintenance windows
 * from Slack, through the same {@link MaintenanceWindows} as the HTTP API, so the same checks and
 * the same refusal while a P0/P1 is open apply. Every mistake is a short answer with the usage.
 */
final class MaintenanceCommands {

  static final String COMMAND = "/maintenance";
  private static final String STEPS = "steps=";
  private static final int LISTED = 10;
  private static final String USAGE =
      String.join(
          "\n",
          "*/maintenance* commands:",
          "• `/maintenance schedule <service[,service]> <start> <duration> <title> [steps=<step[,step]>] [confirm]` — "
              + "start is `now`, `+30m` or a UTC time such as `2026-11-29T02:00Z`; duration like `2h`; `steps=` adds steps "
              + "the config defines, by name; `confirm` schedules even while a P0/P1 is open",
          "• `/maintenance list` — windows that have not ended",
          "• `/maintenance status <id>`",
          "• `/maintenance abort <id> [reason]` — maintenance mode off, rolled back where something changed",
          "• `/maintenance confirm <id> <step>` — the manual step the window waits for is done");

  private final MaintenanceWindows windows;
  private final TemporalFailures failures;
  private final Clock clock;

  MaintenanceCommands(MaintenanceWindows windows, TemporalFailures failures, Clock clock) {
    this.windows = windows;
    this.failures = failures;
    this.clock = clock;
  }

  SlackReply run(String text, SlackActor actor) {
    List<String> words =
        Arrays.stream((text == null ? "" : text).trim().split("\\s+"))
            .filter(w -> !w.isEmpty())
            .toList();
    String verb = words.isEmpty() ? "help" : words.get(0).toLowerCase(Locale.ROOT);
    List<String> args = words.isEmpty() ? List.of() : words.subList(1, words.size());
    boolean changes = List.of("schedule", "abort", "confirm").contains(verb);
    if (changes && !actor.may(Role.RESPONDER)) {
      return SlackReply.toUser(
          "`/maintenance "
              + verb
              + "` needs the responder role, and you are a "
              + actor.role().label()
              + " in Firebreak.");
    }
    try {
      return switch (verb) {
        case "schedule" -> schedule(args, actor);
        case "list" -> SlackReply.toUser(list());
        case "status" ->
            args.size() == 1
                ? SlackReply.toUser(status(windows.view(id(args.get(0)))))
                : usage("Which window?");
        case "abort" ->
            args.isEmpty()
                ? usage("Which window?")
                : aborted(
                    windows.abort(
                        id(args.get(0)),
                        new Abort(
                            actor.userId(),
                            args.size() > 1
                                ? String.join(" ", args.subList(1, args.size()))
                                : null)));
        case "confirm" ->
            args.size() != 2
                ? usage("Give the window and the step.")
                : confirmed(
                    windows.confirm(
                        id(args.get(0)),
                        new StepConfirmation(
                            actor.userId(), args.get(1), false, "confirmed in Slack")));
        case "help" -> SlackReply.toUser(USAGE);
        default -> usage("There is no `/maintenance " + escape(verb) + "`.");
      };
    } catch (Exception e) {
      Refusal error = failures.toRefusal(e, args.isEmpty() ? null : args.get(0));
      String message =
          "incident_open".equals(error.code())
              ? error.getMessage().replace("send \"confirm\": true", "add `confirm` at the end")
              : error.getMessage();
      return SlackReply.toUser("Could not " + escape(verb) + ": " + escape(message));
    }
  }

  private SlackReply schedule(List<String> args, SlackActor actor) {
    boolean confirm = !args.isEmpty() && args.get(args.size() - 1).equalsIgnoreCase("confirm");
    List<String> words = confirm ? args.subList(0, args.size() - 1) : args;
    // Steps are named, never written here: a step of the config is the only kind of call Slack can
    // add.
    List<MaintenanceStepConfig> steps = null;
    if (!words.isEmpty() && words.get(words.size() - 1).startsWith(STEPS)) {
      steps =
          Arrays.stream(words.get(words.size() - 1).substring(STEPS.length()).split(","))
              .filter(name -> !name.isBlank())
              .map(name -> new MaintenanceStepConfig(name, null, null))
              .toList();
      words = words.subList(0, words.size() - 1);
    }
    if (words.size() < 4) {
      return usage("Give the services, the start, the duration and a title.");
    }
    Instant start = start(words.get(1));
    Duration duration = duration(words.get(2));
    if (start == null || duration == null) {
      return usage(
          "Could not read "
              + (start == null
                  ? "the start `" + escape(words.get(1))
                  : "the duration `" + escape(words.get(2)))
              + "`.");
    }
    List<String> services = Arrays.asList(words.get(0).split(","));
    String title = String.join(" ", words.subList(3, words.size()));
    String id =
        windows.schedule(
            new MaintenanceBody(title, services, start, start.plus(duration), steps, null, confirm),
            actor.userId(),
            actor::may);
    return SlackReply.toChannel(
        "🛠️ <@"
            + actor.userId()
            + "> scheduled maintenance *"
            + id
            + "* on "
            + escape(String.join(", ", services))
            + " from "
            + start
            + " for "
            + words.get(2)
            + ": "
            + escape(title));
  }

  private String list() {
    List<MaintenanceSummary> open = windows.list();
    if (open.isEmpty()) {
      return "No maintenance windows scheduled.";
    }
    return open.stream()
        .limit(LISTED)
        .map(
            w ->
                "• *"
                    + w.id()
                    + "* · "
                    + w.status()
                    + " · "
                    + escape(String.join(", ", w.services()))
                    + " · "
                    + w.start()
                    + " – "
                    + w.end()
                    + " — "
                    + escape(w.title()))
        .collect(Collectors.joining("\n"));
  }

  private static String status(MaintenanceView v) {
    String waiting = v.waitingFor() == null ? "" : "\nWaiting for: " + escape(v.waitingFor());
    return "*"
        + v.id()
        + "* · "
        + v.status()
        + " · "
        + escape(String.join(", ", v.services()))
        + "\n"
        + escape(v.title())
        + "\n"
        + v.start()
        + " – "
        + v.end()
        + waiting;
  }

  private static SlackReply aborted(MaintenanceView v) {
    return SlackReply.toChannel(
        "🛑 Maintenance *" + v.id() + "* aborted; it is " + v.status() + ".");
  }

  private static SlackReply confirmed(MaintenanceView v) {
    return SlackReply.toUser(
        "✅ Step confirmed; maintenance *" + v.id() + "* is " + v.status() + ".");
  }

  private Instant start(String word) {
    if (word.equalsIgnoreCase("now")) {
      return clock.instant();
    }
    if (word.startsWith("+")) {
      Duration in = duration(word.substring(1));
      return in == null ? null : clock.instant().plus(in);
    }
    try {
      return Instant.parse(word.length() == 17 ? word.replace("Z", ":00Z") : word);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Duration duration(String word) {
    return DurationText.parse(word).filter(d -> !d.isNegative() && !d.isZero()).orElse(null);
  }

  private static String id(String word) {
    return word.toUpperCase(Locale.ROOT);
  }

  private static SlackReply usage(String problem) {
    return SlackReply.toUser(problem + "\n" + USAGE);
  }
}
