package dev.firebreak.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.firebreak.activities.fakes.FakeVercel;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderFailures;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VercelRollbackTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();

  private final FakeVercel vercel =
      new FakeVercel("vercel-token", "team_1")
          .productionDeploy("prj_1", "dpl_old", T0.minusSeconds(7200), "READY", "aaa")
          .productionDeploy("prj_1", "dpl_bad", T0.minusSeconds(600), "ERROR", "bbb")
          .productionDeploy("prj_1", "dpl_new", T0, "READY", "ccc");

  @AfterEach
  void stop() {
    vercel.close();
  }

  private VercelClient client(String token) {
    return new VercelClient(TRANSPORT, vercel.baseUrl(), token, "team_1", Duration.ofMillis(500));
  }

  private String rollBack(VercelClient client, String deployment) {
    return client.startRollback("prj_1", deployment, "aaa", "bad deploy", T0);
  }

  @Test
  void rollbackPostsToTheProjectWithReasonAndTeamThenReportsLiveWhenVercelSaysSucceeded() {
    vercel.rollbacks().takes(2, Duration.ZERO);
    VercelClient client = client("vercel-token");

    assertThat(rollBack(client, "dpl_old")).isEqualTo("dpl_old");

    RecordedRequest post = vercel.requests().get(0);
    assertThat(post.getMethod()).isEqualTo("POST");
    assertThat(post.getPath())
        .isEqualTo("/v1/projects/prj_1/rollback/dpl_old?description=bad%20deploy&teamId=team_1");
    assertThat(post.getHeader("Authorization")).isEqualTo("Bearer vercel-token");
    assertThat(post.getBody().readUtf8()).isEqualTo("{}");
    assertThat(client.rollbackProgress("prj_1", "dpl_old", "dpl_old").phase())
        .isEqualTo(RollbackProgress.Phase.PENDING);
    assertThat(client.rollbackProgress("prj_1", "dpl_old", "dpl_old").phase())
        .isEqualTo(RollbackProgress.Phase.PENDING);
    RollbackProgress live = client.rollbackProgress("prj_1", "dpl_old", "dpl_old");
    assertThat(live)
        .isEqualTo(
            new RollbackProgress(
                RollbackProgress.Phase.LIVE, "Vercel rollback of prj_1 to dpl_old: succeeded"));
    assertThat(vercel.requests().get(1).getPath()).isEqualTo("/v9/projects/prj_1?teamId=team_1");
    assertThat(vercel.rollbacksStarted()).containsExactly("prj_1/dpl_old");
  }

  @Test
  void aRollbackAlreadyInProgressIsFollowedNotRepeated() {
    vercel.rollbacks().takes(5, Duration.ZERO);
    VercelClient client = client("vercel-token");
    rollBack(client, "dpl_old");

    assertThat(rollBack(client, "dpl_old")).isEqualTo("dpl_old");

    assertThat(vercel.rollbacksStarted()).containsExactly("prj_1/dpl_old");
  }

  @Test
  void aRollbackVercelReportsFailedIsFailed() {
    vercel.rollbacks().failing(true);
    VercelClient client = client("vercel-token");
    rollBack(client, "dpl_old");

    assertThat(client.rollbackProgress("prj_1", "dpl_old", "dpl_old").phase())
        .isEqualTo(RollbackProgress.Phase.FAILED);
  }

  @Test
  void wrongTokenUnknownDeploymentAndBrokenDeploymentArePermanent() {
    ApplicationFailure forbidden =
        catchThrowableOfType(ApplicationFailure.class, () -> rollBack(client("stale"), "dpl_old"));
    ApplicationFailure unknown =
        catchThrowableOfType(
            ApplicationFailure.class, () -> rollBack(client("vercel-token"), "dpl_nope"));
    ApplicationFailure broken =
        catchThrowableOfType(
            ApplicationFailure.class, () -> rollBack(client("vercel-token"), "dpl_bad"));

    assertThat(forbidden.getOriginalMessage())
        .isEqualTo("Vercel answered HTTP 403: Not authorized");
    assertThat(unknown.getOriginalMessage())
        .isEqualTo("Vercel answered HTTP 404: Deployment not found");
    assertThat(broken.getOriginalMessage())
        .isEqualTo(
            "Vercel answered HTTP 422: Deployment dpl_bad is not a ready production deployment");
    assertThat(forbidden.isNonRetryable() && unknown.isNonRetryable() && broken.isNonRetryable())
        .isTrue();
    assertThat(vercel.rollbacksStarted()).isEmpty();
  }

  @Test
  void rateLimitRetriesAfterVercelsDelayAndServerErrorsRetryThenSucceed() {
    vercel.faults().rateLimitNext(1, "7").failNext(1, 502);
    VercelClient client = client("vercel-token");

    ApplicationFailure limited =
        catchThrowableOfType(ApplicationFailure.class, () -> rollBack(client, "dpl_old"));
    ApplicationFailure unavailable =
        catchThrowableOfType(ApplicationFailure.class, () -> rollBack(client, "dpl_old"));

    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(unavailable.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(rollBack(client, "dpl_old")).isEqualTo("dpl_old");
    assertThat(vercel.rollbacksStarted()).containsExactly("prj_1/dpl_old");
  }

  @Test
  void aSlowAnswerIsARetryableTimeout() {
    vercel.faults().slowNext(1, Duration.ofSeconds(2));

    ApplicationFailure timedOut =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("vercel-token").rollbackProgress("prj_1", "dpl_old", "dpl_old"));

    assertThat(timedOut.getType()).isEqualTo(ProviderFailures.UNAVAILABLE);
    assertThat(timedOut.getOriginalMessage()).isEqualTo("Vercel did not answer within 500ms");
  }

  @Test
  void restartIsRefusedBecauseVercelHasNone() {
    ApplicationFailure refused =
        catchThrowableOfType(
            ApplicationFailure.class, () -> client("vercel-token").restart("prj_1"));

    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(vercel.requests()).isEmpty();
  }
}
