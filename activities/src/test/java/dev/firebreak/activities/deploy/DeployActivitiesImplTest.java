package dev.firebreak.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.firebreak.activities.fakes.FakeRender;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.rollback.DeployActivities;
import dev.firebreak.workflows.rollback.PlatformService;
import dev.firebreak.workflows.rollback.RollbackCheck;
import dev.firebreak.workflows.rollback.RollbackCommand;
import dev.firebreak.workflows.rollback.RollbackStarted;
import io.temporal.failure.ActivityFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeployActivitiesImplTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final PlatformService RENDER =
      new PlatformService("recoup-backend", "render", "srv-1");
  private static final PlatformService VERCEL =
      new PlatformService("talk-to-my-lawyer", "vercel", "prj_1");

  private final FakeRender render =
      new FakeRender("rnd_key")
          .deploy("srv-1", "dep-old", T0.minusSeconds(7200), "deactivated", "aaa")
          .deploy("srv-1", "dep-live", T0, "live", "bbb");
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();
  private final DeployActivities activities;

  DeployActivitiesImplTest() {
    RenderClient client =
        new RenderClient(
            HttpTransport.withCallDeadlinesOnly(),
            render.baseUrl(),
            "rnd_key",
            Duration.ofSeconds(2));
    env.registerActivitiesImplementations(new DeployActivitiesImpl(List.of(client)));
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
    activities = env.newActivityStub(DeployActivities.class);
  }

  @AfterEach
  void stop() {
    env.close();
    render.close();
  }

  private RollbackCheck check(RollbackStarted started) {
    return new RollbackCheck(
        RENDER,
        "dep-old",
        started.rollbackRef(),
        Duration.ofMillis(10),
        "rollback-recoup-backend-k1");
  }

  @Test
  void pollsTheConfiguredPlatformHeartbeatingUntilTheRollbackIsLive() {
    render.rollbacks().takes(3, Duration.ZERO);

    RollbackStarted started =
        activities.rollBack(
            new RollbackCommand(RENDER, "dep-old", "aaa", "bad", T0, "rollback-recoup-backend-k1"));
    Delivery live = activities.awaitRollbackLive(check(started));

    assertThat(started.dryRun()).isFalse();
    assertThat(live.detail()).endsWith(": live");
    // The SDK throttles heartbeats, so only the first poll's is sure to be seen.
    assertThat(heartbeats).first().asString().endsWith(": update_in_progress");
    assertThat(render.requests())
        .filteredOn(r -> r.getPath().endsWith(started.rollbackRef()))
        .hasSize(4);
  }

  @Test
  void aRollbackThePlatformFailsIsANonRetryableFailure() {
    render.rollbacks().failing(true);
    RollbackStarted started =
        activities.rollBack(new RollbackCommand(RENDER, "dep-old", "aaa", "bad", T0, "w"));

    assertThatThrownBy(() -> activities.awaitRollbackLive(check(started)))
        .isInstanceOf(ActivityFailure.class)
        .rootCause()
        .hasMessageContaining("update_failed");
  }

  @Test
  void aPlatformWithoutClientIsDryRunAndSaysTheCallItWouldHaveMade() {
    RollbackStarted started =
        activities.rollBack(new RollbackCommand(VERCEL, "dpl_1", null, "bad", T0, "w"));
    Delivery live =
        activities.awaitRollbackLive(
            new RollbackCheck(VERCEL, "dpl_1", "dpl_1", Duration.ofMillis(10), "w"));
    Delivery restart = activities.restartService(VERCEL);

    assertThat(started.dryRun()).isTrue();
    assertThat(started.detail())
        .isEqualTo("dry-run: POST https://api.vercel.com/v1/projects/prj_1/rollback/dpl_1");
    assertThat(live.dryRun()).isTrue();
    assertThat(restart.detail()).isEqualTo("dry-run: nothing: Vercel has no restart for prj_1");
  }

  @Test
  void restartGoesToTheConfiguredPlatform() {
    Delivery restart = activities.restartService(RENDER);

    assertThat(restart.detail()).isEqualTo("Restarted recoup-backend on render");
    assertThat(render.restarts()).containsExactly("srv-1");
  }
}
