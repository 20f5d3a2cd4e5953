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
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RenderRollbackTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();

  private final FakeRender render =
      new FakeRender("rnd_key")
          .deploy("srv-1", "dep-old", T0.minusSeconds(7200), "deactivated", "aaa")
          .deploy("srv-1", "dep-live", T0, "live", "bbb");

  @AfterEach
  void stop() {
    render.close();
  }

  private RenderClient client(String key) {
    return new RenderClient(TRANSPORT, render.baseUrl(), key, Duration.ofMillis(500));
  }

  private String rollBack(RenderClient client) {
    return client.startRollback("srv-1", "dep-old", "aaa", "bad deploy", T0);
  }

  @Test
  void rollbackReadsTheListThenPostsTheDeployIdAndFollowsTheNewDeployUntilLive() {
    render.rollbacks().takes(1, Duration.ZERO);
    RenderClient client = client("rnd_key");

    String ref = rollBack(client);

    RecordedRequest list = render.requests().get(0);
    RecordedRequest post = render.requests().get(1);
    assertThat(list.getPath()).isEqualTo("/v1/services/srv-1/deploys?limit=20");
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath()).isEqualTo("/v1/services/srv-1/rollback");
    assertThat(post.getHeader("Authorization")).isEqualTo("Bearer rnd_key");
    assertThat(post.getHeader("Content-Type")).startsWith("application/json");
    assertThat(post.getBody().readUtf8()).isEqualTo("{\"deployId\":\"dep-old\"}");
    assertThat(client.rollbackProgress("srv-1", "dep-old", ref).phase())
        .isEqualTo(RollbackProgress.Phase.PENDING);
    RollbackProgress live = client.rollbackProgress("srv-1", "dep-old", ref);
    assertThat(live.phase()).isEqualTo(RollbackProgress.Phase.LIVE);
    assertThat(render.requests().get(2).getPath()).isEqualTo("/v1/services/srv-1/deploys/" + ref);
    assertThat(client.recentProductionDeploys("srv-1", null))
        .extracting(Deployment::state)
        .containsExactly("live", "deactivated", "deactivated");
  }

  @Test
  void aRetryFindsTheRollbackItStartedInsteadOfStartingASecond() {
    RenderClient client = client("rnd_key");
    String first = rollBack(client);

    String retried = rollBack(client);

    assertThat(retried).isEqualTo(first).startsWith("dep-rb-");
    assertThat(render.rollbacksStarted()).containsExactly("srv-1/dep-old");
  }

  @Test
  void aRollbackFromBeforeTheDecisionIsSomeoneElsesAndDoesNotCount() {
    RenderClient client = client("rnd_key");
    rollBack(client);

    client.startRollback("srv-1", "dep-old", "aaa", "again", Instant.now().plusSeconds(60));

    assertThat(render.rollbacksStarted()).hasSize(2);
  }

  @Test
  void aFailedRollbackDeployIsFailed() {
    render.rollbacks().failing(true);
    RenderClient client = client("rnd_key");

    String ref = rollBack(client);

    assertThat(client.rollbackProgress("srv-1", "dep-old", ref).detail())
        .isEqualTo("Render rollback deploy " + ref + " of srv-1 (to dep-old): update_failed");
  }

  @Test
  void wrongKeyUnknownDeployAndUnknownServiceArePermanent() {
    ApplicationFailure unauthorized =
        catchThrowableOfType(ApplicationFailure.class, () -> rollBack(client("rnd_wrong")));
    ApplicationFailure unknownDeploy =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("rnd_key").startRollback("srv-1", "dep-nope", null, "x", T0));
    ApplicationFailure unknownService =
        catchThrowableOfType(ApplicationFailure.class, () -> client("rnd_key").restart("srv-nope"));

    assertThat(unauthorized.getOriginalMessage())
        .isEqualTo("Render answered HTTP 401: unauthorized");
    assertThat(unknownDeploy.getOriginalMessage())
        .isEqualTo("Render answered HTTP 404: deploy not found");
    assertThat(unknownService.getOriginalMessage())
        .isEqualTo("Render answered HTTP 404: service not found");
    assertThat(render.rollbacksStarted()).isEmpty();
  }

  @Test
  void rateLimitRetriesAfterRendersDelayAndServerErrorsRetry() {
    render.faults().rateLimitNext(1, "3").failNext(1, 503);

    ApplicationFailure limited =
        catchThrowableOfType(ApplicationFailure.class, () -> client("rnd_key").restart("srv-1"));
    ApplicationFailure unavailable =
        catchThrowableOfType(ApplicationFailure.class, () -> client("rnd_key").restart("srv-1"));
    client("rnd_key").restart("srv-1");

    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(unavailable.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    RecordedRequest restart = render.requests().get(2);
    assertThat(restart.getMethod() + " " + restart.getPath())
        .isEqualTo("POST /v1/services/srv-1/restart");
    assertThat(render.restarts()).containsExactly("srv-1");
  }

  @Test
  void aSlowAnswerIsARetryableTimeout() {
    render.faults().slowNext(1, Duration.ofSeconds(2));

    ApplicationFailure timedOut =
        catchThrowableOfType(ApplicationFailure.class, () -> rollBack(client("rnd_key")));

    assertThat(timedOut.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(timedOut.getOriginalMessage()).isEqualTo("Render did not answer within 500ms");
  }
}
