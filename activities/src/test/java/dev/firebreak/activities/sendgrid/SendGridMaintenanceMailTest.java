package dev.firebreak.activities.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeSendGrid;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.maintenance.MaintenanceEmail;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SendGridMaintenanceMailTest {

  private final FakeSendGrid sendGrid = new FakeSendGrid("SG.key", "ops@recoup.com");
  private final SendGridMaintenanceMail mail =
      new SendGridMaintenanceMail(
          new SendGridClient(
              HttpTransport.withCallDeadlinesOnly(),
              sendGrid.baseUrl(),
              "SG.key",
              "ops@recoup.com",
              Duration.ofSeconds(2)));

  @AfterEach
  void stop() throws Exception {
    sendGrid.close();
  }

  @Test
  void sendsOneMailToTheWholeAudienceTracedByTheAnnouncementKey() {
    Delivery delivery =
        mail.send(
            new MaintenanceEmail(
                "MW-20261206-1/announce-pt48h",
                "MW-20261206-1",
                List.of("customers@recoup.com", "support@recoup.com"),
                "[Maintenance MW-20261206-1] Firestore upgrade",
                "Planned maintenance on Sunday 02:00 UTC"));

    assertThat(sendGrid.mails())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.to()).containsExactly("customers@recoup.com", "support@recoup.com");
              assertThat(m.subject()).isEqualTo("[Maintenance MW-20261206-1] Firestore upgrade");
              assertThat(m.customArgs().path("firebreak_key").asText())
                  .isEqualTo("MW-20261206-1/announce-pt48h");
            });
    assertThat(delivery.dryRun()).isFalse();
    assertThat(delivery.detail())
        .startsWith("email to customers@recoup.com, support@recoup.com accepted");
  }
}
