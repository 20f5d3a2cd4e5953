package dev.firebreak.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeVercel;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.activities.http.ProviderFailures;
import dev.firebreak.workflows.playbook.DeployStarted;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VercelPlatformTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final HttpTransport TRANSPORT = HttpTransport.withCallDeadlinesOnly();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeVercel vercel =
      new FakeVercel("vercel-token", "team_1")
          .productionDeploy("prj_1", "dpl_old", T0.minusSeconds(7200), "READY", "aaa")
          .productionDeploy("prj_1", "dpl_live", T0, "READY", "bbb")
          .env("prj_1", "MAINTENANCE_MODE", "false", "encrypted", "production", "preview")
          .env("prj_1", "SAME", "kept", "encrypted", "production")
          .env("prj_1", "PLAIN", "1", "plain", "production")
          .env("prj_1", "OLD_FLAG", "on", "plain", "production")
          .env("prj_1", "SHARED_FLAG", "on", "plain", "production", "development");
  private final VercelClient client = client("vercel-token");

  @AfterEach
  void stop() {
    vercel.close();
  }

  private VercelClient client(String token) {
    return new VercelClient(TRANSPORT, vercel.baseUrl(), token, "team_1", Duration.ofSeconds(2));
  }

  private List<String> change() {
    return client.changeEnv(
        "prj_1",
        Map.of("MAINTENANCE_MODE", "true", "SAME", "kept", "PLAIN", "1", "NEW_FLAG", "yes"),
        List.of("OLD_FLAG", "SHARED_FLAG", "NEVER_SET"));
  }

  @Test
  void changeEnvWritesOnlyTheVariablesWhoseProductionValueDiffers() {
    List<String> written = change();

    assertThat(written).containsExactly("MAINTENANCE_MODE", "NEW_FLAG", "OLD_FLAG", "SHARED_FLAG");
    assertThat(vercel.productionValue("prj_1", "MAINTENANCE_MODE")).isEqualTo("true");
    assertThat(vercel.productionValue("prj_1", "NEW_FLAG")).isEqualTo("yes");
    assertThat(vercel.productionValue("prj_1", "OLD_FLAG")).isNull();
    assertThat(vercel.productionValue("prj_1", "SHARED_FLAG")).isNull();
    assertThat(vercel.envWrites())
        .containsExactly(
            "PATCH MAINTENANCE_MODE",
            "POST MAINTENANCE_MODE",
            "POST NEW_FLAG",
            "DELETE OLD_FLAG",
            "PATCH SHARED_FLAG");
  }

  @Test
  void aVariableSharedWithOtherTargetsKeepsItsValueThere() {
    change();

    assertThat(vercel.envs("prj_1"))
        .filteredOn(e -> e.key().equals("MAINTENANCE_MODE"))
        .extracting(e -> e.target() + "=" + e.value())
        .containsExactlyInAnyOrder("[preview]=false", "[production]=true");
    assertThat(vercel.envs("prj_1"))
        .filteredOn(e -> e.key().equals("SHARED_FLAG"))
        .extracting(e -> e.target() + "=" + e.value())
        .containsExactly("[development]=on");
  }

  @Test
  void changeEnvReadsDecryptedValuesAndWritesWithTheCallsVercelDocuments() throws Exception {
    change();

    List<RecordedRequest> requests = vercel.requests();
    assertThat(requests)
        .allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("Bearer vercel-token"));
    assertThat(requests)
        .extracting(r -> r.getMethod() + " " + r.getRequestUrl().encodedPath())
        .containsExactly(
            "GET /v10/projects/prj_1/env",
            "PATCH /v9/projects/prj_1/env/env_1",
            "POST /v10/projects/prj_1/env",
            "POST /v10/projects/prj_1/env",
            "DELETE /v9/projects/prj_1/env/env_4",
            "PATCH /v9/projects/prj_1/env/env_5");
    assertThat(requests.get(0).getRequestUrl().queryParameter("decrypt")).isEqualTo("true");
    assertThat(requests)
        .allSatisfy(
            r -> assertThat(r.getRequestUrl().queryParameter("teamId")).isEqualTo("team_1"));
    RecordedRequest create = requests.get(2);
    assertThat(create.getRequestUrl().queryParameter("upsert")).isEqualTo("true");
    JsonNode body = JSON.readTree(FakeServer.bodyOf(create));
    assertThat(body.path("key").asText()).isEqualTo("MAINTENANCE_MODE");
    assertThat(body.path("type").asText()).isEqualTo("encrypted");
    assertThat(body.path("target").toString()).isEqualTo("[\"production\"]");
  }

  @Test
  void askingAgainForWhatIsAlreadySetWritesNothing() {
    change();
    int before = vercel.envWrites().size();

    List<String> again = change();

    assertThat(again).isEmpty();
    assertThat(vercel.envWrites()).hasSize(before);
  }

  @Test
  void aSensitiveValueCannotBeReadBackSoItIsWrittenAgain() {
    vercel.env("prj_1", "API_KEY", "k-123456", "sensitive", "production");

    List<String> written = client.changeEnv("prj_1", Map.of("API_KEY", "k-123456"), List.of());

    assertThat(written).containsExactly("API_KEY");
    assertThat(vercel.envWrites()).containsExactly("PATCH API_KEY");
  }

  @Test
  void aVariableVercelListsAsFailedIsAClearRejectionThatNeverQuotesTheValue() {
    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client.changeEnv("prj_1", Map.of("BAD-KEY", "hunter2-db-password"), List.of()));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getType()).isEqualTo(ProviderFailures.REJECTED);
    assertThat(failure.getOriginalMessage())
        .startsWith("Vercel did not create BAD-KEY on prj_1: KEY_INVALID_CHARACTERS")
        .doesNotContain("hunter2");
  }

  @Test
  void redeployPostsTheDeploymentServingProductionWithTargetProduction() throws Exception {
    DeployStarted started = client.redeploy("prj_1", Instant.now().minusSeconds(1), "INC-42 flag");

    RecordedRequest post = vercel.requests().get(2);
    assertThat(post.getMethod() + " " + post.getPath())
        .isEqualTo("POST /v13/deployments?forceNew=1&teamId=team_1");
    JsonNode body = JSON.readTree(FakeServer.bodyOf(post));
    assertThat(body.path("name").asText()).isEqualTo("prj_1");
    assertThat(body.path("deploymentId").asText()).isEqualTo("dpl_live");
    assertThat(body.path("target").asText()).isEqualTo("production");
    assertThat(body.path("meta").path("action").asText()).isEqualTo("redeploy");
    assertThat(body.path("meta").path("firebreakReason").asText()).isEqualTo("INC-42 flag");
    assertThat(started.adopted()).isFalse();
    assertThat(started.dryRun()).isFalse();
    assertThat(started.deployRef()).isEqualTo(vercel.redeploys().get(0).uid());
    assertThat(vercel.redeploysStarted()).containsExactly("prj_1/dpl_live");
  }

  @Test
  void theNewDeploymentGoesFromBuildingToReadyWithTheChangedValue() {
    vercel.builds().takes(2, Duration.ZERO);
    change();
    DeployStarted started = client.redeploy("prj_1", Instant.now().minusSeconds(1), "flag");

    RollbackProgress first = client.deployProgress("prj_1", started.deployRef());
    RollbackProgress second = client.deployProgress("prj_1", started.deployRef());
    RollbackProgress third = client.deployProgress("prj_1", started.deployRef());

    assertThat(List.of(first.phase(), second.phase(), third.phase()))
        .containsExactly(
            RollbackProgress.Phase.PENDING,
            RollbackProgress.Phase.PENDING,
            RollbackProgress.Phase.LIVE);
    assertThat(first.detail())
        .isEqualTo("Vercel deployment " + started.deployRef() + " of prj_1: BUILDING");
    assertThat(third.detail()).endsWith(": READY");
    assertThat(vercel.builtWith(started.deployRef())).containsEntry("MAINTENANCE_MODE", "true");
  }

  @Test
  void aRetryAdoptsTheDeploymentItsFirstAttemptCreated() {
    Instant notBefore = Instant.now().minusSeconds(1);
    DeployStarted first = client.redeploy("prj_1", notBefore, "flag");

    DeployStarted retried = client.redeploy("prj_1", notBefore, "flag");

    assertThat(retried.adopted()).isTrue();
    assertThat(retried.deployRef()).isEqualTo(first.deployRef());
    assertThat(vercel.redeploysStarted()).hasSize(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"ERROR", "CANCELED"})
  void aDeploymentThatEndsFailedOrCanceledIsFailed(String end) {
    vercel.builds().failing(true);
    vercel.failedBuildsEnd(end);
    DeployStarted started = client.redeploy("prj_1", Instant.now().minusSeconds(1), "flag");

    RollbackProgress progress = client.deployProgress("prj_1", started.deployRef());

    assertThat(progress.phase()).isEqualTo(RollbackProgress.Phase.FAILED);
    assertThat(progress.detail())
        .startsWith("Vercel deployment " + started.deployRef() + " of prj_1: " + end);
    if (end.equals("ERROR")) {
      assertThat(progress.detail()).contains("BUILD_FAILED");
    }
  }

  @Test
  void aProjectWithoutProductionDeploymentCannotBeRedeployed() {
    vercel.project("prj_empty");

    ApplicationFailure failure =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client.redeploy("prj_empty", Instant.now().minusSeconds(1), "flag"));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .isEqualTo("Vercel project prj_empty has no production deployment to redeploy");
  }

  @Test
  void anUnknownProjectAndAWrongTokenAreClearPermanentFailures() {
    ApplicationFailure unknown =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client.changeEnv("prj_nope", Map.of("A", "b"), List.of()));
    ApplicationFailure unauthorized =
        catchThrowableOfType(
            ApplicationFailure.class,
            () -> client("wrong").redeploy("prj_1", Instant.now(), "flag"));

    assertThat(unknown.isNonRetryable()).isTrue();
    assertThat(unknown.getOriginalMessage())
        .isEqualTo("Vercel answered HTTP 404: Project not found");
    assertThat(unauthorized.isNonRetryable()).isTrue();
    assertThat(unauthorized.getOriginalMessage())
        .isEqualTo("Vercel answered HTTP 403: Not authorized");
  }

  @Test
  void vercelHasNoInstanceCountToScale() {
    ApplicationFailure failure =
        catchThrowableOfType(ApplicationFailure.class, () -> client.scale("prj_1", 3));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("Vercel has no instance count to set");
  }
}
