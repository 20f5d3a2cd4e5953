package dev.firebreak.activities.statuspage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeStatuspageApi;
import dev.firebreak.activities.http.ProviderClientContract;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

class StatuspageClientTest extends ProviderClientContract {

  private final FakeStatuspageApi statuspage =
      new FakeStatuspageApi("sp-key", "page1").component("cmp-backend");
  private final StatuspageClient client = client("sp-key", "page1");

  private StatuspageClient client(String key, String page) {
    return new StatuspageClient(TRANSPORT, statuspage.baseUrl(), key, page, TIMEOUT);
  }

  private static StatuspageClient.NewIncident incident(String status) {
    return new StatuspageClient.NewIncident(
        "INC-1",
        "Checkout errors",
        status,
        "major",
        "We are investigating",
        "cmp-backend",
        "partial_outage");
  }

  @Override
  protected FakeServer fake() {
    return statuspage;
  }

  @Override
  protected void callProvider() {
    client.createIncident(incident("investigating"));
  }

  @Test
  void createsTheIncidentWithOAuthKeyComponentsAndMarker() {
    String id = client.createIncident(incident("investigating"));

    RecordedRequest request = statuspage.requests().get(0);
    assertThat(request.getMethod() + " " + request.getPath())
        .isEqualTo("POST /v1/pages/page1/incidents");
    assertThat(request.getHeader("Authorization")).isEqualTo("OAuth sp-key");
    assertThat(FakeServer.bodyOf(request))
        .isEqualTo(
            "{\"incident\":{\"name\":\"Checkout errors\","
                + "\"status\":\"investigating\",\"body\":\"We are investigating\",\"impact_override\":\"major\","
                + "\"components\":{\"cmp-backend\":\"partial_outage\"},\"component_ids\":[\"cmp-backend\"],"
                + "\"metadata\":{\"firebreak\":{\"key\":\"INC-1\"}}}}");
    assertThat(statuspage.incidents())
        .singleElement()
        .satisfies(i -> assertThat(i.id()).isEqualTo(id));
    assertThat(statuspage.componentStatus("cmp-backend")).isEqualTo("partial_outage");
  }

  @Test
  void findsAnOpenIncidentByItsMarker() {
    String id = client.createIncident(incident("investigating"));

    assertThat(client.findByMarker("unresolved", "INC-1")).contains(id);
    assertThat(client.findByMarker("unresolved", "INC-2")).isEmpty();
    assertThat(statuspage.requests().get(1).getPath())
        .isEqualTo("/v1/pages/page1/incidents/unresolved");
  }

  @Test
  void updatesStatusBodyAndComponentUntilResolved() {
    String id = client.createIncident(incident("investigating"));

    client.updateIncident(id, "identified", "Cause found", null, null);
    client.updateIncident(id, "resolved", "Fixed", "cmp-backend", "operational");

    RecordedRequest patch = statuspage.requests().get(2);
    assertThat(patch.getMethod() + " " + patch.getPath())
        .isEqualTo("PATCH /v1/pages/page1/incidents/" + id);
    assertThat(FakeServer.bodyOf(patch))
        .isEqualTo(
            "{\"incident\":{\"status\":\"resolved\",\"body\":\"Fixed\","
                + "\"components\":{\"cmp-backend\":\"operational\"},\"component_ids\":[\"cmp-backend\"]}}");
    assertThat(statuspage.incidents().get(0).updates())
        .containsExactly(
            "investigating: We are investigating", "identified: Cause found", "resolved: Fixed");
    assertThat(statuspage.componentStatus("cmp-backend")).isEqualTo("operational");
    assertThat(client.findByMarker("unresolved", "INC-1")).isEmpty();
  }

  @Test
  void setsAComponentsStatus() {
    client.setComponentStatus("cmp-backend", "degraded_performance");

    RecordedRequest request = statuspage.requests().get(0);
    assertThat(request.getMethod() + " " + request.getPath())
        .isEqualTo("PATCH /v1/pages/page1/components/cmp-backend");
    assertThat(FakeServer.bodyOf(request))
        .isEqualTo("{\"component\":{\"status\":\"degraded_performance\"}}");
    assertThat(statuspage.componentStatus("cmp-backend")).isEqualTo("degraded_performance");
  }

  @Test
  void schedulesMaintenanceAsAScheduledIncident() {
    Instant from = Instant.parse("2026-12-01T02:00:00Z");
    String id =
        client.scheduleMaintenance(
            "maintenance-M1",
            "Database upgrade",
            "Checkout paused",
            from,
            from.plusSeconds(3600),
            List.of("cmp-backend"));

    assertThat(FakeServer.bodyOf(statuspage.requests().get(0)))
        .isEqualTo(
            "{\"incident\":{\"name\":\"Database upgrade\","
                + "\"status\":\"scheduled\",\"body\":\"Checkout paused\",\"scheduled_for\":\"2026-12-01T02:00:00Z\","
                + "\"scheduled_until\":\"2026-12-01T03:00:00Z\",\"scheduled_auto_in_progress\":true,"
                + "\"scheduled_auto_completed\":true,\"component_ids\":[\"cmp-backend\"],"
                + "\"metadata\":{\"firebreak\":{\"key\":\"maintenance-M1\"}}}}");
    assertThat(client.findByMarker("upcoming", "maintenance-M1")).contains(id);
  }

  @Test
  void badKeyIsPermanentWithStatuspagesErrorField() {
    assertRejected(
        () -> client("stale", "page1").createIncident(incident("investigating")),
        "Statuspage answered HTTP 401: Could not authenticate");
  }

  @Test
  void unknownPageIsPermanent() {
    assertRejected(
        () -> client("sp-key", "nope").createIncident(incident("investigating")),
        "Statuspage answered HTTP 404: Page not found");
  }

  @Test
  void invalidStatusIsAPermanentValidationFailure() {
    assertRejected(
        () -> client.createIncident(incident("on-fire")),
        "Statuspage answered HTTP 422: Status is not included in the list");
  }

  @Test
  void statuspagesOwnRateLimitStatus420IsRetried() {
    statuspage.faults().failNext(1, 420);

    ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, this::callProvider);

    assertThat(failure.isNonRetryable()).isFalse();
    callProvider();
    assertThat(statuspage.incidents()).hasSize(1);
  }
}
