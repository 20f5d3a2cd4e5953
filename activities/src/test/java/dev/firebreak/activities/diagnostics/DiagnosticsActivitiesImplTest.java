package dev.firebreak.activities.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.deploy.VercelClient;
import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.FakeStatusPage;
import dev.firebreak.activities.fakes.FakeVercel;
import dev.firebreak.activities.health.HealthConfirmation;
import dev.firebreak.activities.health.HttpHealthChecker;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.statuspage.StatusPageReader;
import dev.firebreak.workflows.diagnostics.DeployHistory;
import dev.firebreak.workflows.diagnostics.DeployQuery;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.diagnostics.StatusPageCheck;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DiagnosticsActivitiesImplTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

  private final HttpTransport transport = HttpTransport.withCallDeadlinesOnly();
  private final FakeHealthEndpoint health = new FakeHealthEndpoint();
  private final FakeStatusPage statusPage = new FakeStatusPage();
  private final FakeVercel vercel =
      new FakeVercel("tok", null).productionDeploy("prj_1", "dpl_1", T0, "READY", "abc");

  @AfterEach
  void stop() {
    health.close();
    statusPage.close();
    vercel.close();
  }

  private DiagnosticsActivitiesImpl diagnostics(List<VercelClient> clients) {
    return new DiagnosticsActivitiesImpl(
        new HttpHealthChecker(transport, HealthConfirmation.FIRST_CHECK),
        new StatusPageReader(transport, Duration.ofSeconds(1)),
        clients);
  }

  @Test
  void platformWithoutAClientReportsTheCallItWouldMake() {
    DeployHistory history =
        diagnostics(List.of()).recentDeploys(new DeployQuery("web", "vercel", "prj_1", T0));

    assertThat(history)
        .isEqualTo(
            new DeployHistory(
                "web",
                "vercel",
                List.of(),
                true,
                "GET https://api.vercel.com/v6/deployments?projectId=prj_1&target=production&limit=20"));
  }

  @Test
  void renderWithoutAClientReportsTheCallItWouldMake() {
    DeployHistory history =
        diagnostics(List.of()).recentDeploys(new DeployQuery("api", "Render", "srv-1", null));

    assertThat(history.dryRun()).isTrue();
    assertThat(history.detail())
        .isEqualTo("GET https://api.render.com/v1/services/srv-1/deploys?limit=20");
  }

  @Test
  void configuredPlatformListsRealDeploys() {
    VercelClient client =
        new VercelClient(transport, vercel.baseUrl(), "tok", null, Duration.ofSeconds(1));

    DeployHistory history =
        diagnostics(List.of(client))
            .recentDeploys(new DeployQuery("web", "vercel", "prj_1", T0.minusSeconds(60)));

    assertThat(history.dryRun()).isFalse();
    assertThat(history.deployments()).extracting(d -> d.id()).containsExactly("dpl_1");
    assertThat(history.detail())
        .isEqualTo("1 production deploys on vercel since 2026-11-23T09:59:00Z");
  }

  @Test
  void unknownPlatformIsAPermanentFailureSayingWhichAreKnown() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () ->
                diagnostics(List.of())
                    .recentDeploys(new DeployQuery("api", "heroku", "app-1", null)));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(DiagnosticsActivitiesImpl.UNKNOWN_PLATFORM);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "service api is on platform 'heroku', which Firebreak cannot read deploys from (known: vercel, render)");
  }

  @Test
  void healthAndStatusPageAreReadForReal() {
    var diagnostics = diagnostics(List.of());
    statusPage.status("minor", "Elevated error rates");

    assertThat(
            diagnostics
                .checkHealth(new HealthCheck("api", health.url(), Duration.ofSeconds(1)))
                .healthy())
        .isTrue();
    assertThat(
            diagnostics.checkStatusPage(new StatusPageCheck("stripe", statusPage.url())).degraded())
        .isTrue();
  }
}
