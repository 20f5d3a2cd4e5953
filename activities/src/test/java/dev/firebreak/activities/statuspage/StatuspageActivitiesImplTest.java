package dev.firebreak.activities.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.activities.fakes.FakeStatuspageApi;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.statuspage.MaintenanceReschedule;
import dev.firebreak.workflows.statuspage.PublicIncident;
import dev.firebreak.workflows.statuspage.PublicIncidentRef;
import dev.firebreak.workflows.statuspage.PublicIncidentUpdate;
import dev.firebreak.workflows.statuspage.ScheduledMaintenance;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatuspageActivitiesImplTest {

  private final FakeStatuspageApi statuspage =
      new FakeStatuspageApi("sp-key", "page1").component("cmp-backend");
  private final StatuspageActivitiesImpl activities =
      new StatuspageActivitiesImpl(
          new StatuspageClient(
              HttpTransport.withCallDeadlinesOnly(),
              statuspage.baseUrl(),
              "sp-key",
              "page1",
              Duration.ofSeconds(2)));

  @AfterEach
  void stop() {
    statuspage.close();
  }

  private static PublicIncident incident() {
    return new PublicIncident(
        "INC-1",
        "Checkout errors",
        "investigating",
        "major",
        "Investigating",
        "cmp-backend",
        "partial_outage");
  }

  @Test
  void openingAgainAfterTheAnswerWasLostFindsTheIncidentInsteadOfOpeningASecond() {
    statuspage.faults().passNext(1).disconnectNext(1);
    assertThatThrownBy(() -> activities.open(incident())).isInstanceOf(ApplicationFailure.class);
    assertThat(statuspage.incidents()).hasSize(1);

    PublicIncidentRef ref = activities.open(incident());

    assertThat(statuspage.incidents())
        .singleElement()
        .satisfies(i -> assertThat(i.id()).isEqualTo(ref.id()));
  }

  static Stream<Arguments> updates() {
    return Stream.of(
        Arguments.of("a status change with words", "identified", "Webhook secret rotated"),
        Arguments.of("words under the same status", "investigating", "Still looking at the queue"),
        Arguments.of("a status change without words", "monitoring", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("updates")
  void anUpdateRetriedAfterItsAnswerWasLostIsPublishedOnce(
      String kind, String status, String body) {
    PublicIncidentRef ref = activities.open(incident());
    PublicIncidentUpdate update =
        new PublicIncidentUpdate("INC-1", ref, status, body, "cmp-backend", "partial_outage");
    statuspage
        .faults()
        .passNext(1)
        .disconnectNext(1); // the read passes; the PATCH is made, its answer lost
    assertThatThrownBy(() -> activities.update(update)).isInstanceOf(ApplicationFailure.class);
    int publishedBeforeRetry = statuspage.incidents().get(0).updates().size();

    activities.update(update);

    assertThat(statuspage.incidents().get(0).updates())
        .as("the retry adds nothing")
        .hasSize(publishedBeforeRetry)
        .hasSize(2)
        .last()
        .isEqualTo(status + ": " + (body == null ? "" : body));
  }

  @Test
  void reschedulingAnAnnouncedMaintenanceMovesItsEndAndKeepsItsStart() {
    Instant from = Instant.parse("2026-12-01T02:00:00Z");
    PublicIncidentRef ref =
        activities.scheduleMaintenance(
            new ScheduledMaintenance(
                "maintenance-MW-1",
                "Database upgrade",
                "Checkout paused",
                from,
                from.plusSeconds(3600),
                List.of("cmp-backend")));

    Delivery delivery =
        activities.reschedule(
            new MaintenanceReschedule("maintenance-MW-1", ref, from, from.plusSeconds(7200)));

    assertThat(delivery)
        .isEqualTo(
            Delivery.sent("Statuspage maintenance " + ref.id() + " ends 2026-12-01T04:00:00Z"));
    assertThat(statuspage.incidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.scheduledFor()).isEqualTo("2026-12-01T02:00:00Z");
              assertThat(i.scheduledUntil()).isEqualTo("2026-12-01T04:00:00Z");
            });
  }
}
