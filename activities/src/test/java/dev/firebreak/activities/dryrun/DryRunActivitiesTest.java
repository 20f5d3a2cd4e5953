package dev.firebreak.activities.dryrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.action.HttpActionResult;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.notify.IncidentCard;
import dev.firebreak.workflows.notify.MessageRef;
import dev.firebreak.workflows.notify.PageRequest;
import dev.firebreak.workflows.notify.ThreadMessage;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.webhooks.FailedEventPage;
import dev.firebreak.workflows.webhooks.RedeliveryBatch;
import dev.firebreak.workflows.webhooks.RedeliveryOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DryRunActivitiesTest {

  private static final IncidentCard CARD =
      new IncidentCard(
          "INC-20261123-1/card",
          "#incidents",
          "INC-20261123-1",
          "Checkout failing",
          "P1",
          "investigating",
          "api",
          "alice",
          null,
          null,
          Instant.parse("2026-11-23T10:00:00Z"),
          null);

  private final DryRunChatActivities chat = new DryRunChatActivities(false);

  @Test
  void incidentMessageNamesTheRoomItWouldCreateAndATimestampDerivedFromItsKeySoRetriesMatch() {
    MessageRef first = chat.postIncidentMessage(CARD);

    assertThat(first)
        .isEqualTo(
            new MessageRef(
                "#inc-20261123-1-checkout-failing", "dry-run-INC-20261123-1/card", true));
    assertThat(chat.postIncidentMessage(CARD)).isEqualTo(first);
  }

  @Test
  void threadReplyReportsTheSlackCallItWouldMake() {
    Delivery delivery =
        chat.post(
            new ThreadMessage(
                "INC-20261123-1/update-1",
                "INC-20261123-1",
                "#incidents",
                "dry-run-INC-20261123-1/card",
                "Rolled back\n\"v42\""));

    assertThat(delivery)
        .isEqualTo(
            Delivery.dryRun(
                "dry-run: POST https://slack.com/api/chat.postMessage channel=#incidents"
                    + " thread_ts=dry-run-INC-20261123-1/card text=\"Rolled back\\n\\\"v42\\\"\""));
  }

  @Test
  void cardUpdateReportsChatUpdateWithTheCardText() {
    Delivery delivery =
        chat.updateIncidentMessage(new MessageRef("#incidents", "dry-run-x", true), CARD);

    assertThat(delivery.dryRun()).isTrue();
    assertThat(delivery.detail())
        .isEqualTo(
            "dry-run: POST https://slack.com/api/chat.update channel=#incidents"
                + " ts=dry-run-x text=\"[P1] INC-20261123-1: Checkout failing (investigating, api, commander alice)\"");
  }

  @Test
  void pageReportsWhoWouldBeWokenUp() {
    Delivery delivery =
        new DryRunPagingActivities()
            .page(
                new PageRequest(
                    "INC-20261123-1/page-r1-l1",
                    "INC-20261123-1",
                    "P1",
                    "Checkout failing",
                    "primary",
                    List.of("slack:U1", "pagerduty:ops"),
                    "declared",
                    "#incidents",
                    null));

    assertThat(delivery)
        .isEqualTo(
            Delivery.dryRun(
                "dry-run: page slack:U1,pagerduty:ops (level primary)"
                    + " for INC-20261123-1 [P1] \"Checkout failing\" reason \"declared\" key=INC-20261123-1/page-r1-l1"));
  }

  @Test
  void httpActionIsDescribedWithSecretsUnexpandedAndHeaderValuesLeftOut() {
    HttpActionResult result =
        new DryRunHttpActionActivities()
            .perform(
                new HttpAction(
                    "purge-cache",
                    "post",
                    "https://api.example.com/purge?token=${CDN_TOKEN}",
                    Map.of("Authorization", "Bearer ${CDN_TOKEN}"),
                    "{\"purge\":\"all\"}",
                    0,
                    Duration.ofSeconds(5)));

    assertThat(result)
        .isEqualTo(
            new HttpActionResult(
                "purge-cache",
                0,
                "",
                true,
                "dry-run: POST https://api.example.com/purge?token=${CDN_TOKEN} headers=Authorization"
                    + " body=\"{\\\"purge\\\":\\\"all\\\"}\""));
  }

  @Test
  void maintenanceRescheduleReportsTheNewEnd() {
    Instant from = Instant.parse("2026-12-01T02:00:00Z");

    Delivery delivery =
        new DryRunStatusPageActivities()
            .reschedule(
                new MaintenanceReschedule(
                    "maintenance-MW-1",
                    new PublicIncidentRef("dry-run-maintenance-MW-1", true),
                    from,
                    from.plus(Duration.ofHours(3))));

    assertThat(delivery)
        .isEqualTo(
            Delivery.dryRun(
                "dry-run: Statuspage reschedule maintenance dry-run-maintenance-MW-1"
                    + " from 2026-12-01T02:00:00Z until 2026-12-01T05:00:00Z"));
  }

  @Test
  void webhookRetryListsNothingAndWouldSendNothing() {
    FailedEventPage page =
        new DryRunWebhookActivities().failedEventsPage(Instant.parse("2026-11-01T00:00:00Z"), null);
    RedeliveryOutcome outcome =
        new DryRunWebhookDelivery()
            .redeliver(
                new RedeliveryBatch(
                    "stripe",
                    "https://app.recoup.com/api/webhooks/stripe",
                    "${STRIPE_WEBHOOK_SECRET}",
                    10,
                    List.of("evt_1"),
                    "job-webhooks"));

    assertThat(page).isEqualTo(new FailedEventPage(List.of(), false, true));
    assertThat(outcome).isEqualTo(new RedeliveryOutcome(List.of("evt_1"), List.of(), true));
  }
}
