package dev.firebreak.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeRender;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderFailures;
import dev.firebreak.workflows.diagnostics.Deployment;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderClientTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();

  private final FakeRender render =
      new FakeRender("rnd_key")
          .deploy("srv-1", "dep-old", T0.minusSeconds(7200), "deactivated", "aaa")
          .deploy("srv-1", "dep-live", T0, "live", "bbb")
          .deploy("srv-1", "dep-failed", T0.plusSeconds(60), "build_failed", "ccc");

  @AfterEach
  void stop() {
    render.close();
  }

  private RenderClient client(String token) {
    return new RenderClient(TRANSPORT, render.baseUrl(), token, Duration.ofSeconds(2));
  }

  @Test
  void listsDeploysSinceTheGivenTimeNewestFirst() {
    List<Deployment> deploys = client("rnd_key").recentProductionDeploys("srv-1", T0);

    assertThat(deploys)
        .containsExactly(
            new Deployment("dep-failed", T0.plusSeconds(60), "build_failed", "ccc", null),
            new Deployment("dep-live", T0, "live", "bbb", null));
  }

  @Test
  void callsTheServiceDeploysListWithBearerToken() {
    assertThat(client("rnd_key").recentProductionDeploys("srv-1", null)).hasSize(3);

    RecordedRequest request = render.requests().get(0);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer rnd_key");
    assertThat(request.getPath()).isEqualTo("/v1/services/srv-1/deploys?limit=20");
  }

  @Test
  void wrongKeyIsAPermanentFailure() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("rnd_wrong").recentProductionDeploys("srv-1", null));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo("Render answered HTTP 401: unauthorized");
  }

  @Test
  void unknownServiceIsAPermanentFailure() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("rnd_key").recentProductionDeploys("srv-missing", null));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Render answered HTTP 404: service not found");
  }

  @Test
  void rateLimitRetriesAfterRendersDelay() {
    render.faults().rateLimitNext(1, "2");

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("rnd_key").recentProductionDeploys("srv-1", null));

    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void unavailableServiceIsRetryable() {
    render.faults().failNext(1, 503);

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("rnd_key").recentProductionDeploys("srv-1", null));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
  }
}
