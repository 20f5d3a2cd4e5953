package dev.firebreak.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeRender;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.playbook.DeployStarted;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderPlatformTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();

  private final FakeRender render =
      new FakeRender("rnd_key")
          .deploy("srv-1", "dep-live", T0, "live", "bbb")
          .envVar("srv-1", "MAINTENANCE_MODE", "false")
          .envVar("srv-1", "SAME", "kept")
          .envVar("srv-1", "OLD_FLAG", "on")
          .instances("srv-1", 2);
  private final RenderClient client = client("rnd_key");

  @AfterEach
  void stop() {
    render.close();
  }

  private RenderClient client(String key) {
    return new RenderClient(TRANSPORT, render.baseUrl(), key, Duration.ofSeconds(2));
  }

  private List<String> change() {
    return client.changeEnv(
        "srv-1",
        Map.of("MAINTENANCE_MODE", "true", "SAME", "kept", "NEW_FLAG", "yes"),
        List.of("OLD_FLAG", "NEVER_SET"));
  }

  @Test
  void changeEnvPutsAndDeletesOnlyTheVariablesThatDiffer() {
    List<String> written = change();

    assertThat(written).containsExactly("MAINTENANCE_MODE", "NEW_FLAG", "OLD_FLAG");
    assertThat(render.envVars("srv-1"))
        .isEqualTo(Map.of("MAINTENANCE_MODE", "true", "SAME", "kept", "NEW_FLAG", "yes"));
    assertThat(render.requests())
        .extracting(r -> r.getMethod() + " " + r.getPath() + " " + FakeServer.bodyOf(r))
        .containsExactly(
            "GET /v1/services/srv-1/env-vars?limit=100 ",
            "PUT /v1/services/srv-1/env-vars/MAINTENANCE_MODE {\"value\":\"true\"}",
            "PUT /v1/services/srv-1/env-vars/NEW_FLAG {\"value\":\"yes\"}",
            "DELETE /v1/services/srv-1/env-vars/OLD_FLAG ");
    assertThat(render.requests())
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer rnd_key"));
  }

  @Test
  void askingAgainForWhatIsAlreadySetWritesNothing() {
    change();

    List<String> again = change();

    assertThat(again).isEmpty();
    assertThat(render.envWrites()).hasSize(3);
  }

  @Test
  void theComparisonSeesVariablesOnEveryPageOfTheList() {
    for (int i = 0; i < 150; i++) {
      render.envVar("srv-1", String.format("VAR_%03d", i), "v" + i);
    }

    List<String> written = client.changeEnv("srv-1", Map.of("VAR_149", "v149"), List.of());

    assertThat(written).isEmpty();
    assertThat(render.requests())
        .extracting(RecordedRequest::getPath)
        .containsExactly(
            "/v1/services/srv-1/env-vars?limit=100",
            "/v1/services/srv-1/env-vars?limit=100&cursor=VAR_096");
  }

  @Test
  void redeployStartsABuildThatGoesLiveWithTheChangedValue() {
    render.deploys().takes(1, Duration.ZERO);
    change();

    DeployStarted started = client.redeploy("srv-1", Instant.now().minusSeconds(1), "flag");
    RollbackProgress building = client.deployProgress("srv-1", started.deployRef());
    RollbackProgress live = client.deployProgress("srv-1", started.deployRef());

    RecordedRequest post =
        render.requests().stream().filter(r -> r.getMethod().equals("POST")).findFirst().get();
    assertThat(post.getPath()).isEqualTo("/v1/services/srv-1/deploys");
    assertThat(FakeServer.bodyOf(post)).isEqualTo("{\"clearCache\":\"do_not_clear\"}");
    assertThat(started.adopted()).isFalse();
    assertThat(started.deployRef()).isEqualTo(render.deploysStarted().get(0));
    assertThat(building.detail())
        .isEqualTo("Render deploy " + started.deployRef() + " of srv-1: build_in_progress");
    assertThat(live.phase()).isEqualTo(RollbackProgress.Phase.LIVE);
    assertThat(render.builtWith(started.deployRef())).containsEntry("MAINTENANCE_MODE", "true");
  }

  @Test
  void aRetryAdoptsTheDeployItsFirstAttemptStarted() {
    Instant notBefore = Instant.now().minusSeconds(1);
    DeployStarted first = client.redeploy("srv-1", notBefore, "flag");

    DeployStarted retried = client.redeploy("srv-1", notBefore, "flag");

    assertThat(retried.adopted()).isTrue();
    assertThat(retried.deployRef()).isEqualTo(first.deployRef());
    assertThat(render.deploysStarted()).hasSize(1);
  }

  @Test
  void aDeployAcceptedWithoutBodyIsFoundOnTheList() {
    render.answerDeploysWithoutBody();

    DeployStarted started = client.redeploy("srv-1", Instant.now().minusSeconds(1), "flag");

    assertThat(started.deployRef()).isEqualTo(render.deploysStarted().get(0));
    assertThat(started.adopted()).isFalse();
  }

  @Test
  void aFailedBuildIsFailed() {
    render.deploys().failing(true);
    DeployStarted started = client.redeploy("srv-1", Instant.now().minusSeconds(1), "flag");

    RollbackProgress progress = client.deployProgress("srv-1", started.deployRef());

    assertThat(progress.phase()).isEqualTo(RollbackProgress.Phase.FAILED);
    assertThat(progress.detail()).endsWith(": build_failed");
  }

  @Test
  void scaleToTheCurrentCountSendsNothingAndAnotherCountIsPosted() {
    boolean same = client.scale("srv-1", 2);
    boolean changed = client.scale("srv-1", 3);

    assertThat(same).isFalse();
    assertThat(changed).isTrue();
    assertThat(render.scaled()).containsExactly("srv-1/3");
    RecordedRequest post = render.requests().get(2);
    assertThat(post.getMethod() + " " + post.getPath() + " " + FakeServer.bodyOf(post))
        .isEqualTo("POST /v1/services/srv-1/scale {\"numInstances\":3}");
  }

  @Test
  void renderRefusesACountOutOfRangeWithItsOwnMessage() {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> client.scale("srv-1", 0));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Render answered HTTP 400: numInstances must be between 1 and 100");
  }

  @Test
  void anUnknownServiceAndAWrongKeyAreClearPermanentFailures() {
    ApplicationFailure unknown =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client.changeEnv("srv-nope", Map.of("A", "b"), List.of()));
    ApplicationFailure unauthorized =
        catchThrowableOfType(ApplicationFailure.class, () -> client("rnd_wrong").scale("srv-1", 3));

    assertThat(unknown.isNonRetryable()).isTrue();
    assertThat(unknown.getOriginalMessage())
        .isEqualTo("Render answered HTTP 404: service not found");
    assertThat(unauthorized.isNonRetryable()).isTrue();
    assertThat(unauthorized.getOriginalMessage())
        .isEqualTo("Render answered HTTP 401: unauthorized");
  }
}
