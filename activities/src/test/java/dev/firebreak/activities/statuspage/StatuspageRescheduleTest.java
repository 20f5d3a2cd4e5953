package dev.firebreak.activities.statuspage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeStatuspageApi;
import dev.firebreak.activities.http.ProviderClientContract;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/**
 * Moving an announced maintenance's end; the contract's faults hit the reschedule, not the set-up.
 */
class StatuspageRescheduleTest extends ProviderClientContract {

  private static final Instant FROM = Instant.parse("2026-12-01T02:00:00Z");
  private static final Instant UNTIL = FROM.plusSeconds(3600);
  private static final Instant EXTENDED = FROM.plusSeconds(3 * 3600);

  private final FakeStatuspageApi statuspage =
      new FakeStatuspageApi("sp-key", "page1").component("cmp-backend");
  private final StatuspageClient client =
      new StatuspageClient(TRANSPORT, statuspage.baseUrl(), "sp-key", "page1", TIMEOUT);
  private final String maintenance =
      client.scheduleMaintenance(
          "maintenance-M1",
          "Database upgrade",
          "Checkout paused",
          FROM,
          UNTIL,
          List.of("cmp-backend"));

  @Override
  protected FakeServer fake() {
    return statuspage;
  }

  @Override
  protected void callProvider() {
    client.rescheduleMaintenance(maintenance, FROM, EXTENDED);
  }

  @Test
  void patchesBothEndsOfTheMaintenanceWithoutAPublicUpdate() {
    callProvider();

    RecordedRequest patch = statuspage.requests().get(1);
    assertThat(patch.getMethod() + " " + patch.getPath())
        .isEqualTo("PATCH /v1/pages/page1/incidents/" + maintenance);
    assertThat(patch.getHeader("Authorization")).isEqualTo("OAuth sp-key");
    assertThat(FakeServer.bodyOf(patch))
        .isEqualTo(
            "{\"incident\":{\"scheduled_for\":\"2026-12-01T02:00:00Z\","
                + "\"scheduled_until\":\"2026-12-01T05:00:00Z\"}}");
    assertThat(statuspage.incidents())
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.scheduledFor()).isEqualTo("2026-12-01T02:00:00Z");
              assertThat(i.scheduledUntil()).isEqualTo("2026-12-01T05:00:00Z");
              assertThat(i.status()).isEqualTo("scheduled");
              assertThat(i.updates()).containsExactly("scheduled: Checkout paused");
            });
  }

  @Test
  void reschedulingAgainToTheSameEndLeavesTheSameSchedule() {
    callProvider();
    callProvider();

    assertThat(statuspage.incidents())
        .singleElement()
        .satisfies(i -> assertThat(i.scheduledUntil()).isEqualTo("2026-12-01T05:00:00Z"));
  }

  @Test
  void unknownMaintenanceIsPermanent() {
    assertRejected(
        () -> client.rescheduleMaintenance("inc-gone", FROM, EXTENDED),
        "Statuspage answered HTTP 404: Incident not found");
  }

  @Test
  void anEndBeforeTheStartIsAPermanentValidationFailure() {
    assertRejected(
        () -> client.rescheduleMaintenance(maintenance, FROM, FROM.minusSeconds(60)),
        "Statuspage answered HTTP 422: Scheduled until must be after scheduled for");
  }

  @Test
  void badKeyIsPermanent() {
    StatuspageClient stale =
        new StatuspageClient(TRANSPORT, statuspage.baseUrl(), "stale", "page1", TIMEOUT);

    assertRejected(
        () -> stale.rescheduleMaintenance(maintenance, FROM, EXTENDED),
        "Statuspage answered HTTP 401: Could not authenticate");
  }
}
