package dev.firebreak.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeVercel;
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

class VercelClientTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();

  private final FakeVercel vercel =
      new FakeVercel("vercel-token", "team_1")
          .productionDeploy("prj_1", "dpl_old", T0.minusSeconds(7200), "READY", "aaa")
          .productionDeploy("prj_1", "dpl_new", T0.plusSeconds(60), "ERROR", "ccc")
          .productionDeploy("prj_1", "dpl_mid", T0, "READY", "bbb")
          .deploy(
              new FakeVercel.Deploy(
                  "dpl_preview", "prj_1", T0.plusSeconds(120), "READY", "preview", "ddd"));

  @AfterEach
  void stop() {
    vercel.close();
  }

  private VercelClient client(String token) {
    return new VercelClient(TRANSPORT, vercel.baseUrl(), token, "team_1", Duration.ofSeconds(2));
  }

  @Test
  void listsProductionDeploysSinceTheGivenTimeNewestFirst() {
    List<Deployment> deploys =
        client("vercel-token").recentProductionDeploys("prj_1", T0.minusSeconds(60));

    assertThat(deploys)
        .containsExactly(
            new Deployment(
                "dpl_new", T0.plusSeconds(60), "ERROR", "ccc", "https://dpl_new.vercel.app"),
            new Deployment("dpl_mid", T0, "READY", "bbb", "https://dpl_mid.vercel.app"));
  }

  @Test
  void callsTheV6ListWithBearerTokenAndTeam() {
    client("vercel-token").recentProductionDeploys("prj_1", null);

    RecordedRequest request = vercel.requests().get(0);
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer vercel-token");
    assertThat(request.getPath())
        .isEqualTo("/v6/deployments?projectId=prj_1&target=production&limit=20&teamId=team_1");
  }

  @Test
  void wrongTokenIsAPermanentFailureWithVercelsMessage() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class, () -> client("stale").recentProductionDeploys("prj_1", null));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo("Vercel answered HTTP 403: Not authorized");
  }

  @Test
  void unknownProjectIsAPermanentFailure() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("vercel-token").recentProductionDeploys("prj_missing", null));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Vercel answered HTTP 404: Project not found");
  }

  @Test
  void rateLimitRetriesAfterVercelsDelay() {
    vercel.faults().rateLimitNext(1, "5");

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("vercel-token").recentProductionDeploys("prj_1", null));

    assertThat(failure.getType()).isEqualTo(ProviderFailures.RATE_LIMITED);
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(5));
    assertThat(client("vercel-token").recentProductionDeploys("prj_1", null)).hasSize(3);
  }

  @Test
  void serverErrorIsRetryable() {
    vercel.faults().failNext(1, 500);

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("vercel-token").recentProductionDeploys("prj_1", null));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
  }
}
