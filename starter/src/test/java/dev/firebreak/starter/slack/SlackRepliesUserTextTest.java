package dev.firebreak.starter.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.workflows.notify.SlackEscaping;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The answers to slash commands (in the channel or only to the user) show what people typed as they
 * typed it: escaped exactly once, never a broadcast, a mention or a disguised link. Slack escapes
 * {@code &}, {@code <} and {@code >} in the command text it sends, so the requests here do too.
 */
class SlackRepliesUserTextTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NOWHERE = "http://127.0.0.1:9/commands/T0FAKE/unused";
  private static final String ACTOR = "U0ALICE";
  private static final Pattern DECLARED = Pattern.compile("declared \\*(INC-\\d{8}-\\d+)\\*");
  private static final Pattern SCHEDULED =
      Pattern.compile("scheduled maintenance \\*(MW-\\d{8}-\\d+)\\*");

  @RegisterExtension final RunningSlack slack = new RunningSlack();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "<!channel> checkout is down",
        "<!here> and <!everyone>",
        "<https://evil.example|the runbook>",
        "<@U0MALLORY> broke it",
        "U0MALLORY broke it",
        "&lt;b&gt; is how you write <b> & co",
        "# Heading - [link](https://evil.example) **bold** `code`"
      })
  void repliesShowTheTypedTextEscapedOnceAndNeverNotifyOrLink(String typed) throws IOException {
    List<String> replies = new ArrayList<>();

    String declared = incident("declare P3 talk-to-my-lawyer " + typed);
    replies.add(declared);
    Matcher id = DECLARED.matcher(declared);
    assertThat(id.find()).as(declared).isTrue();
    incident("update " + id.group(1) + " " + typed);
    replies.add(incident("status " + id.group(1)));
    replies.add(incident("list"));
    String scheduled = maintenance("schedule recoup-backend +1h 2h " + typed);
    replies.add(scheduled);
    Matcher window = SCHEDULED.matcher(scheduled);
    assertThat(window.find()).as(scheduled).isTrue();
    replies.add(maintenance("status " + window.group(1)));
    replies.add(maintenance("list"));

    String shown = SlackEscaping.escape(typed);
    assertThat(replies)
        .allSatisfy(
            reply -> {
              assertThat(reply).contains(shown);
              assertThat(reply.replace("<@" + ACTOR + ">", ""))
                  .as("Slack markup besides the actor's mention")
                  .doesNotContain("<", ">");
            });
  }

  @ParameterizedTest
  @ValueSource(strings = {"<!channel>", "<!here>", "<https://evil.example|help>", "&lt;b&gt;"})
  void aMistypedVerbIsQuotedBackAsText(String typed) throws IOException {
    String incidentReply = incident(typed + " now");
    String maintenanceReply = maintenance(typed);

    assertThat(List.of(incidentReply, maintenanceReply))
        .allSatisfy(
            reply ->
                assertThat(reply)
                    .contains(SlackEscaping.escape(typed))
                    .doesNotContain("<!", "<http"));
  }

  /**
   * {@code /incident <typed>} as Slack sends it: the user's text with Slack's three characters
   * escaped.
   */
  private String incident(String typed) throws IOException {
    return text(
        slack.requests.command(SlackEscaping.escape(typed), ACTOR, "general", NOWHERE).body());
  }

  private String maintenance(String typed) throws IOException {
    return text(slack.requests.maintenance(SlackEscaping.escape(typed), ACTOR, NOWHERE).body());
  }

  private static String text(String body) throws IOException {
    JsonNode answer = JSON.readTree(body);
    return answer.get("text").asText();
  }
}
