package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackChannel;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.activities.fakes.FakeSlackRendering;
import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import dev.firebreak.workflows.notify.ThreadMessage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever a user types reaches Slack as text: on every path Firebreak posts by, Slack shows it
 * literally, and nothing in it notifies the channel, mentions someone or hides a link. Only the
 * mentions Firebreak makes itself from Slack IDs (the commander, the paged people) notify.
 */
class SlackUserTextTest {

  private static final String INCIDENT = IncidentCards.INCIDENT_ID;
  private static final String OWN_MENTION = "U0ALICE";

  private static final List<String> HOSTILE =
      List.of(
          "<!channel> the site is down",
          "<!here>",
          "<!everyone> and <!subteam^S0ONCALL>",
          "<https://evil.example|Runbook>",
          "<@U0MALLORY> look at this",
          "&lt;b&gt; is how you write <b> & co",
          "# Heading\n- [link](https://evil.example) **bold** <img src=x onerror=alert(1)>");

  /** One way Firebreak posts to Slack, fed the user's text where the workflow puts it. */
  private interface Path {
    void post(ChatActivities chat, PagingActivities pager, String userText);
  }

  private final SlackTestbed slack = new SlackTestbed();
  private final FakeSlack fake = slack.fake;
  private final ChatActivities chat = slack.activityStub(ChatActivities.class);
  private final PagingActivities pager = slack.activityStub(PagingActivities.class);

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  static Stream<Arguments> pathsAndTexts() {
    List<Named<Path>> paths =
        List.of(
            Named.of(
                "incident message",
                (chat, pager, text) -> chat.openIncidentMessage(card(text, text, text, text))),
            Named.of(
                "incident message rewritten",
                (chat, pager, text) -> {
                  MessageRef ref =
                      chat.openIncidentMessage(card("Checkout down", OWN_MENTION, null, null));
                  chat.updateIncidentMessage(ref, card("Checkout down", OWN_MENTION, text, text));
                }),
            Named.of(
                "announcement",
                (chat, pager, text) -> {
                  IncidentCard card = card(text, text, null, null);
                  chat.announceIncidentMessage(card, chat.openIncidentMessage(card));
                }),
            Named.of(
                "thread update",
                (chat, pager, text) -> {
                  MessageRef ref =
                      chat.openIncidentMessage(card("Checkout down", OWN_MENTION, null, null));
                  chat.post(
                      new ThreadMessage(
                          INCIDENT + "/update-1",
                          INCIDENT,
                          ref.channel(),
                          ref.ts(),
                          "📊 UPDATE from "
                              + OWN_MENTION
                              + ": "
                              + text
                              + "\n⏰ ETA: "
                              + text
                              + "\n🔧 Actions: "
                              + text));
                }),
            Named.of(
                "assessment",
                (chat, pager, text) ->
                    chat.post(
                        new ThreadMessage(
                            INCIDENT + "/assessment-1",
                            INCIDENT,
                            "#incidents",
                            null,
                            "🔎 *Checkout is failing* ("
                                + INCIDENT
                                + ")\n• checkout-api: UNHEALTHY — "
                                + text
                                + "\n*Suggested mitigations*\n→ "
                                + text))),
            Named.of(
                "update reminder",
                (chat, pager, text) ->
                    chat.post(
                        new ThreadMessage(
                            INCIDENT + "/update-reminder-1",
                            INCIDENT,
                            "#incidents",
                            null,
                            "⏰ " + text + ": no update on " + INCIDENT + " for 30m 00s."))),
            Named.of(
                "post-mortem",
                (chat, pager, text) -> {
                  MessageRef ref =
                      chat.openIncidentMessage(card("Checkout down", OWN_MENTION, null, null));
                  chat.post(
                      new ThreadMessage(
                          INCIDENT + "/post-mortem-1",
                          INCIDENT,
                          ref.channel(),
                          null,
                          "# Incident Report: "
                              + text
                              + "\n\n## Root Cause\n"
                              + text
                              + "\n\nMitigations applied:\n- "
                              + text,
                          "Post-mortem " + INCIDENT));
                }),
            Named.of(
                "approval request",
                (chat, pager, text) ->
                    chat.askForApproval(
                        new ApprovalRequest(
                            "rollback-checkout-api-k1/approval",
                            INCIDENT,
                            "#incidents",
                            "rollback-checkout-api-k1",
                            "⏪ *Approve rolling back checkout-api?* "
                                + text
                                + " asks to roll it back to dpl_1: "
                                + text))),
            Named.of(
                "maintenance announcement",
                (chat, pager, text) ->
                    chat.post(
                        new ThreadMessage(
                            "MW-1/announce-now",
                            "MW-1",
                            "#incidents",
                            null,
                            "🗓️ Planned maintenance MW-1: "
                                + text
                                + " on checkout-api, starts now."))),
            Named.of(
                "rollback outcome",
                (chat, pager, text) ->
                    chat.post(
                        new ThreadMessage(
                            "rollback-k1/outcome",
                            null,
                            "#incidents",
                            null,
                            "Rollback of checkout-api refused by "
                                + text
                                + ". Nothing was changed."))),
            Named.of(
                "page",
                (chat, pager, text) ->
                    pager.page(
                        new PageRequest(
                            INCIDENT + "/page-r1-l1",
                            INCIDENT,
                            "P1",
                            text,
                            text,
                            List.of("slack:" + OWN_MENTION),
                            text,
                            "#incidents",
                            null))));
    return paths.stream().flatMap(path -> HOSTILE.stream().map(text -> Arguments.of(path, text)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("pathsAndTexts")
  void userTextIsShownLiterallyAndNeverNotifiesOrLinks(Path path, String userText) {
    path.post(chat, pager, userText);

    List<FakeSlackRendering> shown = new ArrayList<>();
    fake.everyMessage().forEach(message -> shown.addAll(FakeSlackRendering.of(message)));
    fake.channels().stream()
        .map(FakeSlackChannel::topic)
        .filter(topic -> topic != null)
        .forEach(topic -> shown.add(FakeSlackRendering.mrkdwn(topic)));
    assertThat(shown)
        .allSatisfy(
            rendering -> {
              assertThat(rendering.broadcasts()).as("broadcasts in %s", rendering.text()).isEmpty();
              assertThat(rendering.links()).as("links in %s", rendering.text()).isEmpty();
              assertThat(rendering.mentions())
                  .as("mentions in %s", rendering.text())
                  .allMatch(OWN_MENTION::equals);
            });
    FakeSlackMessage newest =
        fake.everyMessage().stream()
            .max(Comparator.comparing(message -> new BigDecimal(message.ts())))
            .orElseThrow();
    assertThat(FakeSlackRendering.of(newest))
        .as("what the newest message shows")
        .anySatisfy(rendering -> assertThat(rendering.text()).contains(userText));
  }

  private static IncidentCard card(
      String title, String commander, String latestUpdate, String acknowledgedBy) {
    IncidentCard declared = IncidentCards.declared("#incidents");
    return new IncidentCard(
        declared.key(),
        "#incidents",
        INCIDENT,
        title,
        "P1",
        "Mitigating",
        "checkout-api",
        commander,
        acknowledgedBy,
        latestUpdate,
        IncidentCards.DECLARED_AT,
        null);
  }
}
