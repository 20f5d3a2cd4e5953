package dev.firebreak.starter.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code firebreak oncall now|shifts|override|swap}, over the HTTP API. */
@Command(
    name = "oncall",
    description = "Who is on call: now, the shifts of a schedule, an override, or a swap.",
    mixinStandardHelpOptions = true,
    subcommands = {
      OnCallCommand.Now.class,
      OnCallCommand.Shifts.class,
      OnCallCommand.OverrideShift.class,
      OnCallCommand.Swap.class
    })
public final class OnCallCommand {

  static final String BASE = "/api/v1/oncall";

  static String person(JsonNode person) {
    if (person == null || person.isNull() || person.isMissingNode()) {
      return "nobody";
    }
    String slack = person.path("slackUserId").asText("");
    return person.path("name").asText() + (slack.isEmpty() ? "" : " (" + slack + ")");
  }

  @Command(
      name = "now",
      description = "Who each schedule has on call now, why, and until when.",
      mixinStandardHelpOptions = true)
  static final class Now extends ApiCommand {
    @Override
    void run(ApiClient api, PrintWriter out) {
      for (JsonNode answer : api.get(BASE).path("schedules")) {
        String until = answer.path("shiftEnds").asText("");
        out.println(
            answer.path("schedule").asText()
                + "  "
                + person(answer.path("person"))
                + "  "
                + answer.path("source").asText()
                + (until.isEmpty() ? "" : "  until " + until));
      }
    }
  }

  @Command(
      name = "shifts",
      description = "A schedule's shifts between two instants (a week from now by default).",
      mixinStandardHelpOptions = true)
  static final class Shifts extends ApiCommand {
    @Parameters(index = "0", paramLabel = "SCHEDULE")
    String schedule;

    @Option(names = "--from", description = "ISO-8601 instant, such as 2026-12-24T00:00:00Z")
    String from;

    @Option(names = "--to", description = "ISO-8601 instant")
    String to;

    @Override
    void run(ApiClient api, PrintWriter out) {
      StringBuilder query = new StringBuilder();
      if (from != null) {
        query.append(query.isEmpty() ? "?" : "&").append("from=").append(from);
      }
      if (to != null) {
        query.append(query.isEmpty() ? "?" : "&").append("to=").append(to);
      }
      JsonNode answer = api.get(NamedCommand.path(BASE, schedule) + query);
      for (JsonNode shift : answer.path("shifts")) {
        out.println(
            shift.path("from").asText()
                + " → "
                + shift.path("to").asText()
                + "  "
                + person(shift.path("person"))
                + "  "
                + shift.path("source").asText());
      }
    }
  }

  @Command(
      name = "override",
      description = "Put someone on call for a span (a shift taken over, a cover).",
      mixinStandardHelpOptions = true)
  static final class OverrideShift extends ApiCommand {
    @Parameters(index = "0", paramLabel = "SCHEDULE")
    String schedule;

    @Option(names = "--slack", description = "The Slack member id of who is on call")
    String slackUserId;

    @Option(names = "--name", description = "Their name, for someone not in the schedule")
    String name;

    @Option(names = "--from", required = true, description = "ISO-8601 instant")
    String from;

    @Option(names = "--to", required = true, description = "ISO-8601 instant")
    String to;

    @Override
    void run(ApiClient api, PrintWriter out) {
      JsonNode override =
          api.post(
              NamedCommand.path(BASE, schedule) + "/overrides",
              body("slackUserId", slackUserId, "name", name, "from", from, "to", to));
      out.println(covers(override, schedule, "by"));
    }
  }

  @Command(
      name = "swap",
      description =
          "Two people exchange shifts: B takes A's shift at --a-at, A takes B's at --b-at.",
      mixinStandardHelpOptions = true)
  static final class Swap extends ApiCommand {
    @Parameters(index = "0", paramLabel = "SCHEDULE")
    String schedule;

    @Option(names = "--a", required = true, description = "@SLACK_MEMBER_ID, or a name")
    String a;

    @Option(names = "--a-at", required = true, description = "ISO-8601 instant in A's shift")
    String aAt;

    @Option(names = "--b", required = true, description = "@SLACK_MEMBER_ID, or a name")
    String b;

    @Option(names = "--b-at", required = true, description = "ISO-8601 instant in B's shift")
    String bAt;

    @Override
    void run(ApiClient api, PrintWriter out) {
      JsonNode swapped =
          api.post(
              NamedCommand.path(BASE, schedule) + "/swaps",
              body("a", party(a, aAt), "b", party(b, bAt)));
      for (JsonNode override : swapped.path("overrides")) {
        out.println(covers(override, schedule, "swap by"));
      }
    }

    /** {@code @U0ALICE} is a Slack member id, anything else a name. */
    private static Map<String, Object> party(String who, String at) {
      return who.startsWith("@")
          ? body("slackUserId", who.substring(1), "at", at)
          : body("name", who, "at", at);
    }
  }

  /** One override as a line: who is on call for the schedule, when, and who made it so. */
  private static String covers(JsonNode override, String schedule, String madeBy) {
    return person(override.path("person"))
        + " is on call for "
        + schedule
        + " from "
        + override.path("from").asText()
        + " to "
        + override.path("to").asText()
        + " ("
        + madeBy
        + " "
        + override.path("by").asText()
        + ")";
  }
}
