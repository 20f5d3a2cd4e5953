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

    Delivery delivery = paging.page(request(
        List.of("slack:U0ALICE", "slack:U0BOB", "slack:U0ALICE", "slack:S0ONCALL"), incident.ts()));

    List<FakeSlackMessage> replies = fake.replies("#incidents", incident.ts());
    assertThat(replies).singleElement().satisfies(page -> {
      assertThat(page.text())
          .startsWith(":rotating_light: <@U0ALICE> <@U0BOB> <!subteam^S0ONCALL> you are paged for *INC-20261123-1* [P1]")
          .contains("Checkout API 5xx spike", "Reason: not acknowledged in 15m", "primary");
      assertThat(page.text().split("<@U0ALICE>", -1)).hasSize(2);
      assertThat(page.replyBroadcast()).isTrue();
      assertThat(page.metadataValue("key")).isEqualTo("INC-20261123-1/page-r1-l1");
    });
    assertThat(delivery.detail()).contains("<@U0ALICE> <@U0BOB>", replies.get(0).ts()).doesNotContain("not reachable");
  }

  @Test
  void targetsSlackCannotReachAreReportedNotDropped() {
    Delivery delivery = paging.page(request(
        List.of("slack:U0ALICE", "pagerduty:PSVC01", "sms:+15550100", "slack:not-an-id"), null));

    assertThat(fake.messages("#incidents")).singleElement()
        .satisfies(page -> assertThat(page.text()).contains("<@U0ALICE>").doesNotContain("PSVC01"));
    assertThat(delivery.detail())
        .contains("paged <@U0ALICE>")
        .endsWith("not reachable by Slack paging: pagerduty:PSVC01, sms:+15550100, slack:not-an-id");
  }

  @Test
  void pageWithoutSlackTargetsPostsNothingAndSaysWhoWasNotReached() {
    Delivery delivery = paging.page(request(List.of("pagerduty:PSVC01", "email:oncall@example.com"), null));

    assertThat(fake.postMessageCalls()).isZero();
    assertThat(delivery.detail())
        .isEqualTo("nobody paged in Slack; not reachable by Slack paging: pagerduty:PSVC01, email:oncall@example.com");
  }

  private static PageRequest request(List<String> targets, String threadTs) {
    return new PageRequest("INC-20261123-1/page-r1-l1", IncidentCards.INCIDENT_ID, "P1", "Checkout API 5xx spike",
        "primary", targets, "not acknowledged in 15m", "#incidents", threadTs);
  }
}
