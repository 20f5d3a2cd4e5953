package dev.firebreak.workflows.incident;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User text inside the post-mortem's Markdown: shown as typed, unable to add structure. A line that
 * would open a heading, a quote, a list, a code fence or a thematic break (or turn the line above
 * into a heading) has that first mark escaped; {@code <} (HTML, autolinks), {@code [} and {@code ]}
 * (links, images), {@code |} (tables), backslashes and entity references are escaped wherever they
 * are. Backslash escapes, not HTML entities, because the same text is posted to Slack, which
 * escapes it once more and would then show {@code &lt;} instead of {@code <}. Emphasis is left
 * alone: it changes how words look, not what the report says.
 */
final class MarkdownText {

  private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");
  private static final Pattern ANYWHERE = Pattern.compile("[\\\\<\\[\\]|]|&(?=#?\\w+;)");

  /**
   * A mark that opens a block at the start of a line, after up to three spaces (four make code).
   */
  private static final Pattern BLOCK_START =
      Pattern.compile("^(\\s*)([#>+*=_~`-]|\\d+(?=[.)](\\s|$)))");

  private MarkdownText() {}

  /**
   * Text on one line (a heading, a field, a list item): line breaks become spaces. Null stays null.
   */
  static String inline(String text) {
    return text == null ? null : line(LINE_BREAK.matcher(text).replaceAll(" "));
  }

  /**
   * Text as paragraphs of its own (the summary, the root cause), each of its lines escaped. Null
   * stays null.
   */
  static String block(String text) {
    if (text == null) {
      return null;
    }
    StringBuilder escaped = new StringBuilder();
    for (String line : LINE_BREAK.split(text, -1)) {
      escaped.append(escaped.length() == 0 ? "" : "\n").append(line(line));
    }
    return escaped.toString();
  }

  private static String line(String line) {
    String escaped =
        ANYWHERE.matcher(line).replaceAll(match -> Matcher.quoteReplacement("\\" + match.group()));
    Matcher start = BLOCK_START.matcher(escaped);
    if (!start.find()) {
      return escaped;
    }
    // An ordered list is a number then "." or ")": the mark to escape is that punctuation.
    int at = Character.isDigit(start.group(2).charAt(0)) ? start.end(2) : start.start(2);
    return escaped.substring(0, at) + "\\" + escaped.substring(at);
  }
}
