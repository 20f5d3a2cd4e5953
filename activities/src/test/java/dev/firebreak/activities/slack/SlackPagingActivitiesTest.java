package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.PagingActivities;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackPagingActivitiesTest {

  private final SlackTestbed slack = new SlackTestbed();
  private final FakeSlack fake = slack.fake;
  private final PagingActivities paging = slack.activityStub(PagingActivities.class);
  private final ChatActivities chat = slack.activityStub(ChatActivities.class);

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  @Test
  void pageMentionsEverySlackTargetOnceInTheIncidentThreadAndShowsItInTheChannel() {
    MessageRef incident = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    Delivery delivery =
        paging.page(
            request(
                List.of("slack:U0ALICE", "slack:U0BOB", "slack:U0ALICE", "slack:S0ONCALL"),
                incident.channel(),
                incident.ts()));

    List<FakeSlackMessage> replies = fake.replies(incident.channel(), incident.ts());
    assertThat(replies)
        .singleElement()
        .satisfies(
            page -> {
              assertThat(page.text())
                  .startsWith(
                      ":rotating_light: <@U0ALICE> <@U0BOB> <!subteam^S0ONCALL> you are paged for *INC-20261123-1* [P1]")
                  .contains("Checkout API 5xx spike", "Reason: not acknowledged in 15m", "primary");
              assertThat(page.text().split("<@U0ALICE>", -1)).hasSize(2);
              assertThat(page.replyBroadcast()).isTrue();
              assertThat(page.metadataValue("key")).isEqualTo("INC-20261123-1/page-r1-l1");
            });
    assertThat(delivery.detail())
        .contains("<@U0ALICE> <@U0BOB>", replies.get(0).ts())
        .doesNotContain("not reachable");
    // U0ALICE commands and was invited with the room: already_in_channel counts as invited.
    assertThat(slack.onlyRoom().members()).contains("U0ALICE", "U0BOB").doesNotContain("S0ONCALL");
    assertThat(delivery.detail()).doesNotContain("could not invite");
  }

  @Test
  void firstPageBeforeTheIncidentMessageOpensTheRoomTheIncidentMessageThenReuses() {
    paging.page(request(List.of("slack:U0BOB"), "#incidents", null));

    MessageRef incident = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    assertThat(incident.channel()).isEqualTo(slack.onlyRoom().id());
    assertThat(slack.onlyRoom().members()).contains("U0BOB", "U0ALICE");
    assertThat(fake.messages(incident.channel())).hasSize(2);
    assertThat(fake.calls("conversations.create")).isEqualTo(1);
  }

  @Test
  void pageInAThreadOfTheMainChannelInvitesNobody() {
    // An incident declared before rooms existed: its message, and so its pages, stay in #incidents.
    String legacyTs =
        slack
            .client
            .post(
                SlackMessage.text(
                    "#incidents",
                    null,
                    "legacy incident message",
                    "INC-20261123-1/incident-message",
                    "INC-20261123-1"),
                false)
            .ts();

    Delivery delivery = paging.page(request(List.of("slack:U0BOB"), "#incidents", legacyTs));

    assertThat(fake.replies("#incidents", legacyTs))
        .singleElement()
        .satisfies(page -> assertThat(page.text()).contains("<@U0BOB>"));
    assertThat(fake.calls("conversations.create")).isZero();
    assertThat(fake.calls("conversations.invite")).isZero();
    assertThat(delivery.detail()).contains("paged <@U0BOB>");
  }

  @Test
  void targetsSlackCannotReachAreReportedNotDropped() {
    Delivery delivery =
        paging.page(
            request(
                List.of("slack:U0ALICE", "pagerduty:PSVC01", "sms:+15550100", "slack:not-an-id"),
                "#incidents",
                null));

    assertThat(fake.messages(slack.onlyRoom().id()))
        .singleElement()
        .satisfies(page -> assertThat(page.text()).contains("<@U0ALICE>").doesNotContain("PSVC01"));
    assertThat(delivery.detail())
        .contains("paged <@U0ALICE>")
        .endsWith(
            "not reachable by Slack paging: pagerduty:PSVC01, sms:+15550100, slack:not-an-id");
  }

  @Test
  void pageWithoutSlackTargetsPostsNothingAndSaysWhoWasNotReached() {
    Delivery delivery =
        paging.page(
            request(List.of("pagerduty:PSVC01", "email:oncall@example.com"), "#incidents", null));

    assertThat(fake.postMessageCalls()).isZero();
    assertThat(delivery.detail())
        .isEqualTo(
            "nobody paged in Slack; not reachable by Slack paging: pagerduty:PSVC01, email:oncall@example.com");
  }

  /**
   * @param channel where the workflow says the incident message is: the room, or the main channel
   *     before it exists
   */
  private static PageRequest request(List<String> targets, String channel, String threadTs) {
    return new PageRequest(
        "INC-20261123-1/page-r1-l1",
        IncidentCards.INCIDENT_ID,
        "P1",
        "Checkout API 5xx spike",
        "primary",
        targets,
        "not acknowledged in 15m",
        channel,
        threadTs);
  }
}
