package dev.firebreak.starter.slack;

import dev.firebreak.starter.oncall.OnCallGateway;
import dev.firebreak.starter.oncall.SwapParty;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallPerson;
import dev.firebreak.workflows.oncall.ScheduleOverride;
import dev.firebreak.workflows.oncall.SwappedShifts;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /oncall}: who is on call now per schedule; {@code /oncall cover [schedule] <from> <to>}
 * puts the person asking on call for the span; {@code /oncall override [schedule] @someone <from>
 * <to>} puts someone else on; {@code /oncall swap [schedule] @someone <my-shift-time>
 * <their-shift-time>} exchanges the asker's shift for someone's. Times are ISO-8601 instants; the
 * schedule may be left out when only one is configured.
 */
final class OnCallCommands {

  static final String COMMAND = "/oncall";

  /** A mention as Slack escapes it ({@code <@U123|alice>}), or a bare member id. */
  private static final Pattern MENTION =
      Pattern.compile("<@([UW][A-Z0-9]+)(\\|[^>]*)?>|([UW][A-Z0-9]{2,})");

  static final String USAGE =
      "Usage: `/oncall` · `/oncall cover [schedule] <from> <to>` · `/oncall override [schedule] @someone <from> <to>` · `/oncall swap [schedule] @someone <my-shift-time> <their-shift-time>` (times like 2026-12-24T09:00:00Z)";

  /** What follows the mention, per verb that names someone, for the "say who" answer. */
  private static final Map<String, String> TIMES =
      Map.of("override", "<from> <to>", "swap", "<my-shift-time> <their-shift-time>");

  private final OnCallGateway oncall;

  OnCallCommands(OnCallGateway oncall) {
    this.oncall = oncall;
  }

  SlackReply run(String text, SlackActor actor) {
    List<String> words =
        new ArrayList<>(
            Arrays.stream((text == null ? "" : text).trim().split("\\s+"))
                .filter(w -> !w.isEmpty())
                .toList());
    if (oncall.names().isEmpty()) {
      return SlackReply.toUser("No on-call schedules are configured (`oncall.schedules`).");
    }
    if (words.isEmpty()) {
      return SlackReply.toUser(now());
    }
    String verb = words.remove(0);
    if (!verb.equals("cover") && !verb.equals("override") && !verb.equals("swap")) {
      return SlackReply.toUser(USAGE);
    }
    if (!actor.may(Role.RESPONDER)) {
      return SlackReply.toUser("`/oncall " + verb + "` needs the responder role.");
    }
    try {
      String who = actor.userId();
      if (!verb.equals("cover")) {
        int mention = indexOfMention(words);
        if (mention < 0) {
          return SlackReply.toUser(
              "Say who: `/oncall " + verb + " @someone " + TIMES.get(verb) + "`.\n" + USAGE);
        }
        who = memberId(words.remove(mention));
      }
      if (words.size() < 2 || words.size() > 3) {
        return SlackReply.toUser(USAGE);
      }
      String schedule = words.size() == 3 ? words.remove(0) : onlySchedule();
      if (verb.equals("swap")) {
        return swap(schedule, actor.userId(), who, words.get(0), words.get(1));
      }
      ScheduleOverride override =
          oncall.override(
              schedule, who, null, instant(words.get(0)), instant(words.get(1)), actor.userId());
      return SlackReply.toChannel(
          "<@"
              + who
              + "> is on call for `"
              + SlackMarkup.escape(schedule)
              + "` from "
              + override.from()
              + " to "
              + override.to()
              + " (set by <@"
              + actor.userId()
              + ">).");
    } catch (Refusal refusal) {
      return SlackReply.toUser(SlackMarkup.escape(refusal.getMessage()));
    }
  }

  private SlackReply swap(String schedule, String asker, String other, String mine, String theirs) {
    SwappedShifts swapped =
        oncall.swap(
            schedule,
            new SwapParty(asker, null, instant(mine)),
            new SwapParty(other, null, instant(theirs)),
            asker);
    return SlackReply.toChannel(
        "<@"
            + asker
            + "> and <@"
            + other
            + "> swapped shifts on `"
            + SlackMarkup.escape(schedule)
            + "`: <@"
            + other
            + "> covers "
            + swapped.aShift().from()
            + " to "
            + swapped.aShift().to()
            + ", <@"
            + asker
            + "> covers "
            + swapped.bShift().from()
            + " to "
            + swapped.bShift().to()
            + ".");
  }

  private String now() {
    StringBuilder reply = new StringBuilder("*On call now*");
    for (OnCallAnswer answer : oncall.now()) {
      OnCallPerson person = answer.person();
      reply
          .append("\n• `")
          .append(answer.schedule())
          .append("` ")
          .append(
              person == null
                  ? "nobody"
                  : person.slackUserId() == null
                      ? SlackMarkup.escape(person.name())
                      : "<@" + person.slackUserId() + ">")
          .append(" · ")
          .append(SlackMarkup.escape(answer.source()))
          .append(answer.shiftEnds() == null ? "" : " · until " + answer.shiftEnds());
    }
    return reply.toString();
  }

  private String onlySchedule() {
    List<String> names = oncall.names();
    if (names.size() != 1) {
      throw Refusal.badRequest("Name the schedule first: one of " + String.join(", ", names) + ".");
    }
    return names.get(0);
  }

  private static int indexOfMention(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      if (MENTION.matcher(words.get(i)).matches()) {
        return i;
      }
    }
    return -1;
  }

  private static String memberId(String word) {
    Matcher m = MENTION.matcher(word);
    if (!m.matches()) {
      throw Refusal.badRequest("'" + word + "' is not a Slack mention.");
    }
    return m.group(1) != null ? m.group(1) : m.group(3);
  }

  private static Instant instant(String text) {
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw Refusal.badRequest(
          "'" + text + "' is not a time like 2026-12-24T09:00:00Z (ISO-8601, UTC).");
    }
  }
}
