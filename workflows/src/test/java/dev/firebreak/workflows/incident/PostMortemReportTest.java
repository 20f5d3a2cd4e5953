package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The post-mortem is Markdown, and people write parts of it: whatever they type, in whichever
 * field, reads as they typed it and cannot add a heading, HTML, a link or a quote, nor break the
 * report's lists.
 */
class PostMortemReportTest {

  private static final Instant DECLARED = Instant.parse("2026-11-23T11:30:00Z");
  private static final Instant RESOLVED = DECLARED.plusSeconds(1800);
  private static final List<String> TEMPLATE_HEADINGS =
      List.of(
          "## Summary",
          "## Impact",
          "## Timeline",
          "## Root Cause",
          "## Resolution",
          "## Prevention",
          "## Lessons Learned");

  private static final List<String> HOSTILE =
      List.of(
          "# Fake heading",
          "line one\n## Fake section\n- fake item\n> fake quote",
          "Title\n===",
          "Title\n---\n***",
          "1. first\n2) second\n+ plus\n* star",
          "```\neverything after is code",
          "~~~ fenced",
          "<script>alert(1)</script> <b>bold</b> <https://evil.example>",
          "[click](https://evil.example) ![img](https://evil.example/x.png) [ref]: https://evil.example",
          "&lt;b&gt; &amp; &#60; stay as typed",
          "a | table | row\n--- | ---",
          "back\\slash \\# and \\<",
          "<!channel> <@U0MALLORY>",
          "carriage\rreturn and\r\nwindows lines");

  /** Where the user's text goes in the incident. */
  private enum Field {
    TITLE(false),
    SUMMARY(true),
    COMMANDER(false),
    SERVICE(false),
    IMPACT(false),
    ROOT_CAUSE(true),
    RESOLUTION(true),
    LESSONS(true),
    TASK(false),
    MITIGATION_ACTION(false),
    MITIGATION_DETAIL(false),
    MITIGATION_BY(false),
    TIMELINE_ACTOR(false),
    TIMELINE_TEXT(false);

    /** Whether the report keeps the text's line breaks (its own section) or puts it on one line. */
    final boolean block;

    Field(boolean block) {
      this.block = block;
    }
  }

  static Stream<Arguments> fieldsAndTexts() {
    return Arrays.stream(Field.values())
        .flatMap(field -> HOSTILE.stream().map(text -> Arguments.of(field, text)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("fieldsAndTexts")
  void userTextReadsAsTypedAndAddsNoStructure(Field field, String userText) {
    Incident incident = incidentWith(field, userText);

    String report = PostMortemReport.render(incident, RESOLVED);

    List<String> lines = Arrays.asList(report.split("\n", -1));
    assertThat(lines.stream().filter(l -> l.matches(" {0,3}#{1,6}(\\s.*)?")))
        .as("headings")
        .hasSize(TEMPLATE_HEADINGS.size() + 1)
        .startsWith(lines.get(0))
        .containsAll(TEMPLATE_HEADINGS);
    assertThat(lines)
        .as("quotes, fences, thematic breaks and setext underlines")
        .noneMatch(
            l -> l.matches(" {0,3}(>.*|```.*|~~~.*|([-*_])(\\s*\\2){2,}\\s*|=+\\s*|-+\\s*)"));
    int expectedItems =
        2
            + incident.timeline().size()
            + incident.lifecycle.mitigations().size()
            + incident.postMortem.input().preventionTasks().size();
    assertThat(lines.stream().filter(l -> l.matches(" {0,3}([-+*]|\\d{1,9}[.)])(\\s.*)?")))
        .as("list items")
        .hasSize(expectedItems);
    String withoutTaskBoxes = report.replace("- [ ] ", "- ");
    assertThat(
            Pattern.compile("(?<!\\\\)(\\\\\\\\)*[<\\[\\]|]|(?<!\\\\)&#?\\w+;")
                .matcher(withoutTaskBoxes)
                .find())
        .as("an unescaped <, [, ], | or entity in %s", report)
        .isFalse();
    String typed =
        field.block ? userText.replaceAll("\r\n|\r", "\n") : userText.replaceAll("\r\n|\r|\n", " ");
    assertThat(unescape(report)).as("the report with its escapes read").contains(typed);
  }

  private static Incident incidentWith(Field field, String text) {
    String title = field == Field.TITLE ? text : "Checkout returns 500";
    String service = field == Field.SERVICE ? text : "checkout-api";
    String commander = field == Field.COMMANDER ? text : "alice";
    Incident incident =
        Incident.declare(
            new Declaration(
                "INC-20261123-1", title, Severity.P1, service, null, commander, "alice", DECLARED),
            DECLARED);
    incident.record(
        DECLARED.plusSeconds(60),
        "update",
        field == Field.TIMELINE_ACTOR ? text : "bob",
        field == Field.TIMELINE_TEXT ? text : "Webhook secret mismatch found");
    incident.lifecycle =
        incident.lifecycle.withMitigation(
            new Mitigation(
                field == Field.MITIGATION_BY ? text : "bob",
                field == Field.MITIGATION_ACTION ? text : "Rotated the secret",
                field == Field.MITIGATION_DETAIL ? text : "and redeployed"));
    PostMortemReminders.merge(
        incident,
        new PostMortemInput(
            "bob",
            field == Field.IMPACT ? text : "12% of checkouts failed",
            field == Field.ROOT_CAUSE ? text : "Secret rotated without updating Render",
            field == Field.RESOLUTION ? text : "Secret updated",
            List.of(field == Field.TASK ? text : "Alert on signature failures"),
            field == Field.LESSONS ? text : "Secrets need an owner"));
    incident.lifecycle =
        incident.lifecycle.resolved(
            "bob", RESOLVED, field == Field.SUMMARY ? text : "Webhooks delivered again");
    return incident;
  }

  /** The text a Markdown reader shows for backslash escapes: the escaped character alone. */
  private static String unescape(String markdown) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < markdown.length(); i++) {
      char c = markdown.charAt(i);
      if (c == '\\' && i + 1 < markdown.length() && isAsciiPunctuation(markdown.charAt(i + 1))) {
        text.append(markdown.charAt(++i));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static boolean isAsciiPunctuation(char c) {
    return c < 128
        && !Character.isLetterOrDigit(c)
        && !Character.isWhitespace(c)
        && !Character.isISOControl(c);
  }
}
