package dev.firebreak.starter.slack;

import dev.firebreak.starter.incidents.DeclarationRules;
import dev.firebreak.workflows.common.Clip;
import dev.firebreak.workflows.incident.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the text after {@code /incident} into a {@link SlashCommand}. Pure and total: any text,
 * however long or strange, gives a command or an {@link SlashCommand.Invalid} that names the
 * problem; it never throws. Free text (titles, updates, summaries) is kept as typed, with its inner
 * spacing and line breaks.
 */
final class SlashCommandParser {

  /** The API's limit for free text; Slack itself caps a command's text lower, but forms do not. */
  static final int MAX_TEXT = 4000;

  private static final Pattern INCIDENT_ID = Pattern.compile("(?i)INC-\\d{8}-\\d{1,6}");
  private static final Pattern SEVERITY = Pattern.compile("(?i)P[0-4]");

  /** A mention as Slack escapes it in command text: {@code <@U123>} or {@code <@U123|alice>}. */
  private static final Pattern MENTION = Pattern.compile("<@([UW][A-Z0-9]+)(?:\\|[^>]*)?>");

  /** A parameter of {@code run}: a name as the config writes them, then its value. */
  private static final Pattern PARAMETER = Pattern.compile("([A-Za-z0-9_.-]{1,64})=(.+)");

  private static final Pattern NAME = Pattern.compile("@?([\\p{L}\\p{N}._-]{1,80})");

  /** The last {@code eta <time>} of an update splits it from the text. */
  private static final Pattern TEXT_THEN_ETA = Pattern.compile("(?is)(.*\\S)\\s+eta\\s+(\\S.*)");

  /** A word of the text and where it starts, so "the rest" can be cut from the original. */
  private record Word(String text, int start) {}

  SlashCommand parse(String text) {
    String input = text == null ? "" : text.strip();
    List<Word> words = words(input);
    if (words.isEmpty()) {
      return new SlashCommand.Help();
    }
    Optional<SlashVerb> verb = SlashVerb.of(words.get(0).text());
    if (verb.isEmpty()) {
      return new SlashCommand.Invalid(
          "I don't know '" + Clip.of(words.get(0).text(), 30) + "'.", null);
    }
    Args args = new Args(input, words);
    return switch (verb.get()) {
      case DECLARE -> declare(args);
      case ACK -> args.idOnly(SlashVerb.ACK, SlashCommand.Acknowledge::new);
      case STATUS -> args.idOnly(SlashVerb.STATUS, SlashCommand.Status::new);
      case UPDATE -> update(args);
      case SEVERITY -> severity(args);
      case COMMANDER -> commander(args);
      case RESOLVE -> resolve(args);
      case ROLLBACK -> args.idOnly(SlashVerb.ROLLBACK, SlashCommand.RollBack::new);
      case PLAYBOOK -> playbook(args);
      case RUN -> runAction(args);
      case LIST -> args.rest().isEmpty() ? new SlashCommand.ListOpen() : args.extra(SlashVerb.LIST);
      case HELP -> new SlashCommand.Help();
    };
  }

  private SlashCommand declare(Args args) {
    if (args.remaining() == 0) {
      return new SlashCommand.OpenDeclareForm();
    }
    if (args.remaining() < 3) {
      return new SlashCommand.Invalid("Give a severity, a service and a title.", SlashVerb.DECLARE);
    }
    String severity = args.next();
    if (!SEVERITY.matcher(severity).matches()) {
      return new SlashCommand.Invalid(
          "'" + Clip.of(severity, 30) + "' is not a severity (P0 to P4).", SlashVerb.DECLARE);
    }
    String service = args.next();
    String title = args.rest();
    if (!DeclarationRules.titleFits(title)) {
      return new SlashCommand.Invalid(
          "The title is longer than " + DeclarationRules.MAX_TITLE + " characters.",
          SlashVerb.DECLARE);
    }
    return new SlashCommand.Declare(
        Severity.valueOf(severity.toUpperCase(Locale.ROOT)), service, title);
  }

  private SlashCommand update(Args args) {
    String id = args.optionalId();
    String rest = args.rest();
    if (rest.length() > MAX_TEXT) {
      return new SlashCommand.Invalid(
          "The update is too long (at most " + MAX_TEXT + " characters).", SlashVerb.UPDATE);
    }
    String eta = null;
    Matcher etaAt = TEXT_THEN_ETA.matcher(rest);
    if (etaAt.matches()) {
      rest = etaAt.group(1);
      eta = etaAt.group(2).strip();
    }
    if (rest.isEmpty()) {
      return new SlashCommand.Invalid("Say what you found.", SlashVerb.UPDATE);
    }
    return new SlashCommand.PostUpdate(id, rest, eta);
  }

  private SlashCommand severity(Args args) {
    String id = args.optionalId();
    if (args.remaining() != 1) {
      return new SlashCommand.Invalid("Give exactly one severity (P0 to P4).", SlashVerb.SEVERITY);
    }
    String severity = args.next();
    if (!SEVERITY.matcher(severity).matches()) {
      return new SlashCommand.Invalid(
          "'" + Clip.of(severity, 30) + "' is not a severity (P0 to P4).", SlashVerb.SEVERITY);
    }
    return new SlashCommand.ChangeSeverity(id, Severity.valueOf(severity.toUpperCase(Locale.ROOT)));
  }

  private SlashCommand playbook(Args args) {
    String id = args.optionalId();
    if (args.remaining() == 0) {
      return new SlashCommand.ShowPlaybook(id);
    }
    if (args.remaining() != 1) {
      return new SlashCommand.Invalid(
          "Name exactly one playbook, like site-down.", SlashVerb.PLAYBOOK);
    }
    return new SlashCommand.AttachPlaybook(id, args.next());
  }

  private SlashCommand runAction(Args args) {
    String id = args.optionalId();
    if (args.remaining() == 0) {
      return new SlashCommand.Invalid("Name the action to run, like restart.", SlashVerb.RUN);
    }
    String action = args.next();
    Map<String, String> parameters = new LinkedHashMap<>();
    while (args.remaining() > 0) {
      String pair = args.next();
      Matcher named = PARAMETER.matcher(pair);
      if (!named.matches()) {
        return new SlashCommand.Invalid(
            "'" + Clip.of(pair, 30) + "' is not name=value.", SlashVerb.RUN);
      }
      if (parameters.put(named.group(1), named.group(2)) != null) {
        return new SlashCommand.Invalid(
            "'" + Clip.of(named.group(1), 30) + "' is given twice.", SlashVerb.RUN);
      }
    }
    return new SlashCommand.RunAction(id, action, parameters);
  }

  private SlashCommand commander(Args args) {
    String id = args.optionalId();
    if (args.remaining() != 1) {
      return new SlashCommand.Invalid("Name exactly one person, like @alice.", SlashVerb.COMMANDER);
    }
    String who = args.next();
    Matcher mention = MENTION.matcher(who);
    if (mention.matches()) {
      return new SlashCommand.AssignCommander(id, mention.group(1));
    }
    Matcher name = NAME.matcher(who);
    if (name.matches()) {
      return new SlashCommand.AssignCommander(id, name.group(1));
    }
    return new SlashCommand.Invalid(
        "'" + Clip.of(who, 30) + "' is not a person; mention them, like @alice.",
        SlashVerb.COMMANDER);
  }

  private SlashCommand resolve(Args args) {
    String id = args.optionalId();
    String summary = args.rest();
    if (summary.length() > MAX_TEXT) {
      return new SlashCommand.Invalid(
          "The summary is too long (at most " + MAX_TEXT + " characters).", SlashVerb.RESOLVE);
    }
    return new SlashCommand.Resolve(id, summary.isEmpty() ? null : summary);
  }

  /** The words after the verb, consumed left to right. */
  private static final class Args {
    private final String input;
    private final List<Word> words;
    private int next = 1;

    Args(String input, List<Word> words) {
      this.input = input;
      this.words = words;
    }

    int remaining() {
      return words.size() - next;
    }

    String next() {
      return words.get(next++).text();
    }

    /** The next word when it is an incident id (upper-cased), else null and nothing is consumed. */
    String optionalId() {
      if (remaining() > 0 && INCIDENT_ID.matcher(words.get(next).text()).matches()) {
        return next().toUpperCase(Locale.ROOT);
      }
      return null;
    }

    /** Everything not yet consumed, as typed. */
    String rest() {
      return remaining() == 0 ? "" : input.substring(words.get(next).start()).strip();
    }

    SlashCommand idOnly(SlashVerb verb, Function<String, SlashCommand> command) {
      String id = optionalId();
      return remaining() == 0 ? command.apply(id) : extra(verb);
    }

    SlashCommand extra(SlashVerb verb) {
      return new SlashCommand.Invalid("I did not expect '" + Clip.of(rest(), 30) + "'.", verb);
    }
  }

  private static List<Word> words(String input) {
    List<Word> words = new ArrayList<>();
    int i = 0;
    while (i < input.length()) {
      while (i < input.length() && Character.isWhitespace(input.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < input.length() && !Character.isWhitespace(input.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(new Word(input.substring(start, i), start));
      }
    }
    return words;
  }
}
