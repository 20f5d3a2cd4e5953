package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.ApprovalRequest;
import dev.firebreak.workflows.notify.ChatActivities;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.ThreadMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlackChatActivitiesTest {

  private final SlackTestbed slack = new SlackTestbed();
  private final FakeSlack fake = slack.fake;
  private final ChatActivities chat = slack.activityStub(ChatActivities.class);

  @AfterEach
  void tearDown() throws Exception {
    slack.close();
  }

  @Test
  void incidentMessageShowsTheIncidentWithButtonsFallbackTextAndMetadata() {
    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    assertThat(ref).isEqualTo(new MessageRef(slack.onlyRoom().id(), ref.ts(), false));
    FakeSlackMessage message = onlyMessage();
    assertThat(message.ts()).isEqualTo(ref.ts()).matches("\\d{10}\\.\\d{6}");
    assertThat(message.text()).isEqualTo("[P1] INC-20261123-1 Checkout API 5xx spike — Declared");
    assertThat(message.metadata().path("event_type").asText()).isEqualTo("firebreak_message");
    assertThat(message.metadataValue("key")).isEqualTo("INC-20261123-1/incident-message");
    assertThat(message.metadataValue("incident_id")).isEqualTo("INC-20261123-1");

    JsonNode blocks = message.blocks();
    assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
    assertThat(blocks.get(0).path("text").path("text").asText())
        .isEqualTo("🟠 P1 · INC-20261123-1 · Checkout API 5xx spike");
    assertThat(fieldTexts(message))
        .containsExactly(
            "*Severity*\nP1",
            "*Status*\nDeclared",
            "*Commander*\n<@U0ALICE>",
            "*Service*\ncheckout-api",
            "*Declared*\n<!date^"
                + IncidentCards.DECLARED_AT.getEpochSecond()
                + "^{date_short_pretty} {time}|2026-11-23 11:30 UTC>");
    assertThat(block(message, "inc_update").path("text").path("text").asText())
        .isEqualTo("*Latest update*\n_No update yet._");
    assertThat(block(message, "inc_context").path("elements").get(0).path("text").asText())
        .contains("INC-20261123-1");

    JsonNode buttons = block(message, "inc_actions").path("elements");
    assertThat(buttons).hasSize(3);
    assertThat(buttons.get(0).path("action_id").asText()).isEqualTo("incident_ack");
    assertThat(buttons.get(0).path("value").asText()).isEqualTo("INC-20261123-1");
    assertThat(buttons.get(1).path("action_id").asText()).isEqualTo("incident_update");
    assertThat(buttons.get(1).path("value").asText()).isEqualTo("INC-20261123-1");
    assertThat(buttons.get(2).path("action_id").asText()).isEqualTo("incident_resolve");
    assertThat(buttons.get(2).path("value").asText()).isEqualTo("INC-20261123-1");
    assertThat(buttons.get(2).path("confirm").path("title").path("text").asText())
        .isEqualTo("Resolve INC-20261123-1?");
    assertThat(buttons.get(2).path("confirm").path("deny").path("text").asText())
        .isEqualTo("Cancel");
  }

  @Test
  void acknowledgedIncidentMessageIsRewrittenInPlaceWithoutTheAcknowledgeButton() {
    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    Delivery delivery = chat.updateIncidentMessage(ref, IncidentCards.acknowledged("#incidents"));

    assertThat(delivery.detail()).contains(ref.ts());
    FakeSlackMessage message = onlyMessage();
    assertThat(message.ts()).isEqualTo(ref.ts());
    assertThat(message.text()).contains("Acknowledged").contains("acknowledged by U0BOB");
    assertThat(fieldTexts(message))
        .contains("*Status*\nAcknowledged", "*Acknowledged by*\n<@U0BOB>");
    assertThat(block(message, "inc_update").path("text").path("text").asText())
        .isEqualTo("*Latest update*\nError rate 12% since 11:24 UTC; rollback in progress.");
    JsonNode buttons = block(message, "inc_actions_acked").path("elements");
    assertThat(buttons)
        .extracting(button -> button.path("action_id").asText())
        .containsExactly("incident_update", "incident_resolve");
    assertThat(message.metadataValue("key")).isEqualTo("INC-20261123-1/incident-message");
  }

  @Test
  void aSuggestedRollbackAddsARollBackButtonThatAsksFirst() {
    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    chat.updateIncidentMessage(ref, IncidentCards.rollbackSuggested("#incidents"));

    JsonNode buttons = block(onlyMessage(), "inc_actions_acked").path("elements");
    assertThat(buttons)
        .extracting(button -> button.path("action_id").asText())
        .containsExactly("incident_update", "incident_resolve", "incident_rollback");
    JsonNode rollBack = buttons.get(2);
    assertThat(rollBack.path("style").asText()).isEqualTo("danger");
    assertThat(rollBack.path("value").asText()).isEqualTo("INC-20261123-1");
    assertThat(rollBack.path("confirm").path("title").path("text").asText())
        .isEqualTo("Roll back INC-20261123-1?");
    assertThat(rollBack.path("confirm").path("text").path("text").asText())
        .startsWith("checkout-api was deployed 12 minutes ago: roll back to dpl_abc.");
  }

  @Test
  void anApprovalRequestOffersApproveAndRefuseForItsRollback() {
    chat.askForApproval(
        new ApprovalRequest(
            "rollback-checkout-api-k1/approval",
            "INC-20261123-1",
            "#incidents",
            "checkout-api-k1",
            "⏪ *Approve rolling back checkout-api?* alice asks to roll it back to dpl_abc."));

    FakeSlackMessage message = fake.messages("#incidents").get(0);
    assertThat(message.text()).startsWith("⏪ *Approve rolling back checkout-api?*");
    assertThat(message.metadataValue("key")).isEqualTo("rollback-checkout-api-k1/approval");
    JsonNode buttons = block(message, "approval_actions").path("elements");
    assertThat(buttons)
        .extracting(button -> button.path("action_id").asText())
        .containsExactly("rollback_approve", "rollback_refuse");
    assertThat(buttons)
        .extracting(button -> button.path("value").asText())
        .containsOnly("checkout-api-k1");
  }

  @Test
  void anActionRunsApprovalRequestOffersTheActionRunButtonsWithTheRunsId() {
    chat.askForApproval(
        new ApprovalRequest(
            "action-INC-20261123-1-k1/approval",
            "INC-20261123-1",
            "#incidents",
            "action-INC-20261123-1-k1",
            "*Approve circuit-breaker?* alice asks to serve mock data."));

    JsonNode buttons =
        block(fake.messages("#incidents").get(0), "approval_actions").path("elements");
    assertThat(buttons)
        .extracting(button -> button.path("action_id").asText())
        .containsExactly("action_run_approve", "action_run_refuse");
    assertThat(buttons)
        .extracting(button -> button.path("value").asText())
        .containsOnly("action-INC-20261123-1-k1");
  }

  @Test
  void closedIncidentMessageOffersNoButtons() {
    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    chat.updateIncidentMessage(ref, IncidentCards.closed("#incidents"));

    assertThat(onlyMessage().blocks().findValuesAsText("type")).doesNotContain("actions", "button");
  }

  @Test
  void threadMessageIsPostedUnderTheIncidentMessageWithItsKey() {
    MessageRef ref = chat.postIncidentMessage(IncidentCards.declared("#incidents"));

    Delivery delivery =
        chat.post(
            new ThreadMessage(
                "INC-20261123-1/update-1",
                "INC-20261123-1",
                ref.channel(),
                ref.ts(),
                "*Update:* rollback finished, error rate back to 0.1%"));

    List<FakeSlackMessage> replies = fake.replies(ref.channel(), ref.ts());
    assertThat(replies)
        .singleElement()
        .satisfies(
            reply -> {
              assertThat(reply.threadTs()).isEqualTo(ref.ts());
              assertThat(reply.text())
                  .isEqualTo("*Update:* rollback finished, error rate back to 0.1%");
              assertThat(reply.metadataValue("key")).isEqualTo("INC-20261123-1/update-1");
              assertThat(delivery.detail()).contains(reply.ts());
            });
    assertThat(fake.messages(ref.channel())).hasSize(1);
  }

  @Test
  void overlongTitleAndUpdateAreCutToBlockKitLimitsAndSlackAcceptsThem() {
    String title = "Checkout <down> & payments failing ".repeat(20);
    String update =
        "Still investigating: 5xx from the payment gateway & retries piling up. ".repeat(150);

    MessageRef ref = chat.postIncidentMessage(IncidentCards.withTexts("#incidents", title, update));
    chat.updateIncidentMessage(
        ref, IncidentCards.withTexts("#incidents", title + title, update + update));

    FakeSlackMessage message = onlyMessage();
    String header = message.blocks().get(0).path("text").path("text").asText();
    assertThat(header)
        .hasSizeLessThanOrEqualTo(150)
        .startsWith("🔴 P0 · INC-20261123-1 · Checkout <down>")
        .endsWith("…");
    String latest = block(message, "inc_update").path("text").path("text").asText();
    assertThat(latest)
        .hasSizeLessThanOrEqualTo(3000)
        .contains("&amp;")
        .endsWith("…")
        .doesNotContain("&am…");
    assertThat(message.text())
        .hasSizeLessThanOrEqualTo(4000)
        .contains("Checkout &lt;down&gt; &amp; payments");
    assertThat(
            block(message, "inc_actions")
                .path("elements")
                .get(1)
                .path("confirm")
                .path("text")
                .path("text")
                .asText())
        .hasSizeLessThanOrEqualTo(300);
  }

  private FakeSlackMessage onlyMessage() {
    List<FakeSlackMessage> messages = fake.messages(slack.onlyRoom().id());
    assertThat(messages).hasSize(1);
    return messages.get(0);
  }

  private static JsonNode block(FakeSlackMessage message, String blockId) {
    for (JsonNode block : message.blocks()) {
      if (blockId.equals(block.path("block_id").asText())) {
        return block;
      }
    }
    throw new AssertionError("no block " + blockId + " in " + message.blocks());
  }

  private static List<String> fieldTexts(FakeSlackMessage message) {
    List<String> texts = new ArrayList<>();
    block(message, "inc_fields").path("fields").forEach(f -> texts.add(f.path("text").asText()));
    return texts;
  }
}
