package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackChannel;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The incident's own channel, as a responder finds it in Slack. */
class IncidentRoomTest {

  private static final String ROOM_NAME = "inc-20261123-1-checkout-api-5xx-spike";

  private final SlackTestbed slack = new SlackTestbed();
  private final FakeSlack fake = slack.fake;
  private final ChatActivities chat = slack.activityStub(ChatActivities.class);

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  @Test
  void declaringCreatesTheRoomInvitesTheCommanderSetsTheTopicAndAnnouncesItWithALink() {
    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    FakeSlackChannel room = slack.onlyRoom();
    assertThat(room.name()).isEqualTo(ROOM_NAME);
    assertThat(room.isPrivate()).isFalse();
    assertThat(room.members()).contains("U0ALICE");
    assertThat(room.topic()).isEqualTo("P1 · Declared · commander <@U0ALICE>");
    assertThat(ref.channel()).isEqualTo(room.id());
    assertThat(fake.messages(room.id()))
        .singleElement()
        .satisfies(
            card ->
                assertThat(card.metadataValue("key")).isEqualTo("INC-20261123-1/incident-message"));
    assertThat(fake.messages("#incidents"))
        .singleElement()
        .satisfies(
            announcement -> {
              assertThat(announcement.text())
                  .contains("INC-20261123-1", "Checkout API 5xx spike", "<#" + room.id() + ">");
              assertThat(announcement.metadataValue("key"))
                  .isEqualTo("INC-20261123-1/room-announcement");
            });
  }

  @Test
  void roomIsPrivateWhenConfigured() throws Exception {
    try (SlackTestbed privateRooms = new SlackTestbed(true)) {
      privateRooms
          .activityStub(ChatActivities.class)
          .postIncidentMessage(IncidentCards.declared("#incidents"));

      assertThat(privateRooms.onlyRoom().isPrivate()).isTrue();
      assertThat(
              privateRooms
                  .fake
                  .lastRequest("conversations.create")
                  .orElseThrow()
                  .field("is_private"))
          .isIn("1", "true");
    }
  }

  @Test
  void roomWhoseNameIsTakenIsFoundAndReused() {
    fake.addChannel(ROOM_NAME, "C0EXISTING1");

    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    assertThat(ref.channel()).isEqualTo("C0EXISTING1");
    assertThat(fake.channels()).filteredOn(c -> c.name().startsWith("inc-")).hasSize(1);
    assertThat(fake.channel("C0EXISTING1").orElseThrow().topic()).startsWith("P1 · Declared");
  }

  @Test
  void commanderAlreadyInTheRoomOrTheBotItselfCountAsInvited() {
    chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    // A second incident message for a bot commander: already_in_channel and cant_invite_self both
    // settle.
    MessageRef again =
        chat.postIncidentMessage(
            new IncidentCard(
                "INC-20261123-1/incident-message-2",
                "#incidents",
                IncidentCards.INCIDENT_ID,
                "Checkout API 5xx spike",
                "P1",
                "Declared",
                "checkout-api",
                FakeSlack.BOT_USER_ID,
                null,
                null,
                IncidentCards.DECLARED_AT,
                null));

    assertThat(again.channel()).isEqualTo(slack.onlyRoom().id());
    assertThat(fake.lastRequest("conversations.invite").orElseThrow().field("users"))
        .isEqualTo(FakeSlack.BOT_USER_ID);
  }

  @Test
  void topicFollowsSeverityStatusAndCommanderAndIsOnlySetWhenItChanges() {
    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));
    int topicsAfterDeclare = fake.calls("conversations.setTopic");

    chat.updateIncidentMessage(ref, IncidentCards.declared("#incidents"));
    assertThat(fake.calls("conversations.setTopic")).isEqualTo(topicsAfterDeclare);

    chat.updateIncidentMessage(
        ref,
        new IncidentCard(
            "INC-20261123-1/incident-message",
            "#incidents",
            IncidentCards.INCIDENT_ID,
            "Checkout API 5xx spike",
            "P0",
            "Mitigating",
            "checkout-api",
            "U0CAROL",
            "U0BOB",
            null,
            IncidentCards.DECLARED_AT,
            null));

    FakeSlackChannel room = slack.onlyRoom();
    assertThat(room.topic()).isEqualTo("P0 · Mitigating · commander <@U0CAROL>");
    assertThat(room.members()).contains("U0CAROL");
    assertThat(fake.calls("conversations.setTopic")).isEqualTo(topicsAfterDeclare + 1);
  }

  @Test
  void incidentMessageLeftInTheMainChannelNeverChangesThatChannelsTopic() {
    // Incidents declared before rooms keep their message in #incidents.
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

    chat.updateIncidentMessage(
        new MessageRef(FakeSlack.DEFAULT_CHANNEL_ID, legacyTs, false),
        IncidentCards.acknowledged("#incidents"));

    assertThat(fake.channel("#incidents").orElseThrow().topic()).isEmpty();
    assertThat(fake.calls("conversations.setTopic")).isZero();
  }

  @Test
  void postMortemIsPostedInTheRoomAndBookmarked() {
    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));
    ThreadMessage postMortem =
        new ThreadMessage(
            "INC-20261123-1/post-mortem-9",
            "INC-20261123-1",
            ref.channel(),
            null,
            "# Incident Report: Checkout API 5xx spike",
            "Post-mortem INC-20261123-1");

    Delivery first = chat.post(postMortem);

    FakeSlackMessage posted =
        fake.messages(ref.channel()).stream()
            .filter(m -> "INC-20261123-1/post-mortem-9".equals(m.metadataValue("key")))
            .findFirst()
            .orElseThrow();
    assertThat(slack.onlyRoom().bookmarks())
        .singleElement()
        .satisfies(
            bookmark -> {
              assertThat(bookmark.title()).isEqualTo("Post-mortem INC-20261123-1");
              assertThat(bookmark.link())
                  .endsWith("/archives/" + ref.channel() + "/p" + posted.ts().replace(".", ""));
            });
    assertThat(first.detail()).contains("bookmarked");
  }
}
