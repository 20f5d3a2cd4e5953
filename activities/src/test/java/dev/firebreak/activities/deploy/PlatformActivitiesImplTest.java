package dev.firebreak.activities.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.firebreak.activities.diagnostics.DiagnosticsActivitiesImpl;
import dev.firebreak.activities.dryrun.DryRunPlatformActivities;
import dev.firebreak.activities.fakes.FakeRender;
import dev.firebreak.activities.http.HttpTransport;
import dev.firebreak.workflows.common.Delivery;
import dev.firebreak.workflows.playbook.DeployStarted;
import dev.firebreak.workflows.playbook.DeployWatch;
import dev.firebreak.workflows.playbook.EnvChange;
import dev.firebreak.workflows.playbook.EnvChanged;
import dev.firebreak.workflows.playbook.PlatformActivities;
import dev.firebreak.workflows.playbook.RedeployRequest;
import dev.firebreak.workflows.playbook.ScaleRequest;
import dev.firebreak.workflows.rollback.PlatformService;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestActivityEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class PlatformActivitiesImplTest {

  private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
  private static final String SECRET = "sk-db-password-7781";
  private static final PlatformService RENDER =
      new PlatformService("recoup-backend", "render", "srv-1");
  private static final PlatformService VERCEL =
      new PlatformService("talk-to-my-lawyer", "vercel", "prj_1");

  private final FakeRender render =
      new FakeRender("rnd_key")
          .deploy("srv-1", "dep-live", T0, "live", "bbb")
          .envVar("srv-1", "MAINTENANCE_MODE", "false")
          .envVar("srv-1", "SAME", "kept")
          .instances("srv-1", 2);
  private final TestActivityEnvironment env = TestActivityEnvironment.newInstance();
  private final List<Object> heartbeats = new CopyOnWriteArrayList<>();
  private final PlatformActivities activities;

  PlatformActivitiesImplTest() {
    RenderClient client =
        new RenderClient(
            HttpTransport.withCallDeadlinesOnly(),
            render.baseUrl(),
            "rnd_key",
            Duration.ofSeconds(2));
    env.registerActivitiesImplementations(
        new PlatformActivitiesImpl(List.of(client), new DryRunPlatformActivities()));
    env.setActivityHeartbeatListener(String.class, heartbeats::add);
    activities = env.newActivityStub(PlatformActivities.class);
  }

  @AfterEach
  void stop() {
    env.close();
    render.close();
  }

  private EnvChanged changeSecret() {
    return activities.changeEnv(
        new EnvChange(
            RENDER,
            Map.of("MAINTENANCE_MODE", "true", "DB_PASSWORD", SECRET, "SAME", "kept"),
            List.of()));
  }

  @Test
  void changeEnvSaysWhichNamesChangedAndWhichAlreadyHeldTheirValueNeverAValue() {
    EnvChanged changed = changeSecret();

    assertThat(changed.written()).containsExactly("DB_PASSWORD", "MAINTENANCE_MODE");
    assertThat(changed.dryRun()).isFalse();
    assertThat(changed.detail())
        .isEqualTo(
            "Changed DB_PASSWORD, MAINTENANCE_MODE of recoup-backend on render;"
                + " SAME already as asked");
    assertThat(render.envVars("srv-1")).containsEntry("DB_PASSWORD", SECRET);
  }

  @Test
  void changeEnvAgainChangesNothingAndSaysSo() {
    changeSecret();

    EnvChanged again = changeSecret();

    assertThat(again.written()).isEmpty();
    assertThat(again.detail())
        .isEqualTo(
            "Nothing to change on recoup-backend on render:"
                + " DB_PASSWORD, MAINTENANCE_MODE, SAME already as asked");
  }

  @Test
  void noValueReachesTheLogOrTheDetailOfAnyCall() {
    List<ILoggingEvent> logged =
        logsOf(
            () -> {
              EnvChanged changed = changeSecret();
              DeployStarted started =
                  activities.redeploy(new RedeployRequest(RENDER, Instant.now(), "flag"));
              Delivery live =
                  activities.awaitDeployLive(
                      new DeployWatch(RENDER, started.deployRef(), Duration.ofMillis(10)));
              assertThat(List.of(changed.detail(), started.detail(), live.detail()))
                  .noneMatch(d -> d.contains(SECRET));
            },
            PlatformActivitiesImpl.class,
            DryRunPlatformActivities.class);

    assertThat(logged).isNotEmpty().noneMatch(e -> e.getFormattedMessage().contains(SECRET));
  }

  @Test
  void awaitDeployLivePollsHeartbeatingUntilTheDeployIsLive() {
    render.deploys().takes(2, Duration.ZERO);
    DeployStarted started =
        activities.redeploy(new RedeployRequest(RENDER, Instant.now().minusSeconds(1), "flag"));

    Delivery live =
        activities.awaitDeployLive(
            new DeployWatch(RENDER, started.deployRef(), Duration.ofMillis(10)));

    assertThat(live.dryRun()).isFalse();
    assertThat(live.detail()).isEqualTo("Render deploy " + started.deployRef() + " of srv-1: live");
    assertThat(heartbeats).first().asString().endsWith(": build_in_progress");
    assertThat(render.requests())
        .filteredOn(r -> r.getPath().endsWith(started.deployRef()))
        .hasSize(3);
  }

  @Test
  void aDeployThePlatformFailsIsANonRetryableFailure() {
    render.deploys().failing(true);
    DeployStarted started =
        activities.redeploy(new RedeployRequest(RENDER, Instant.now().minusSeconds(1), "flag"));

    assertThatThrownBy(
            () ->
                activities.awaitDeployLive(
                    new DeployWatch(RENDER, started.deployRef(), Duration.ofMillis(10))))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(PlatformActivitiesImpl.DEPLOY_FAILED);
              assertThat(failure.isNonRetryable()).isTrue();
              assertThat(failure.getOriginalMessage()).endsWith(": build_failed");
            });
  }

  @Test
  void scaleToTheCurrentCountIsANoOpThatSaysSo() {
    Delivery same = activities.scale(new ScaleRequest(RENDER, 2));
    Delivery changed = activities.scale(new ScaleRequest(RENDER, 4));

    assertThat(same.detail())
        .isEqualTo("Left recoup-backend on render at 2 instances, already running that many");
    assertThat(changed.detail()).isEqualTo("Scaled recoup-backend on render to 4 instances");
    assertThat(render.scaled()).containsExactly("srv-1/4");
  }

  @Test
  void aPlatformWithoutClientIsDryRunAndSaysTheCallsItWouldHaveMadeByName() {
    EnvChanged changed =
        activities.changeEnv(
            new EnvChange(VERCEL, Map.of("MAINTENANCE_MODE", SECRET), List.of("OLD_FLAG")));
    DeployStarted started = activities.redeploy(new RedeployRequest(VERCEL, T0, "flag"));
    Delivery live =
        activities.awaitDeployLive(
            new DeployWatch(VERCEL, started.deployRef(), Duration.ofMillis(10)));
    Delivery scaled = activities.scale(new ScaleRequest(VERCEL, 3));

    assertThat(changed.dryRun()).isTrue();
    assertThat(changed.written()).containsExactly("MAINTENANCE_MODE", "OLD_FLAG");
    assertThat(changed.detail())
        .isEqualTo(
            "dry-run: POST https://api.vercel.com/v10/projects/prj_1/env?upsert=true"
                + " {\"key\":\"MAINTENANCE_MODE\",\"target\":[\"production\"]},"
                + " DELETE https://api.vercel.com/v9/projects/prj_1/env/<id of OLD_FLAG>");
    assertThat(started.dryRun()).isTrue();
    assertThat(started.detail())
        .isEqualTo(
            "dry-run: POST https://api.vercel.com/v13/deployments?forceNew=1"
                + " {\"deploymentId\":\"<production deployment of prj_1>\",\"target\":\"production\"}");
    assertThat(live.dryRun()).isTrue();
    assertThat(scaled.detail())
        .isEqualTo("dry-run: nothing: Vercel has no instance count for prj_1");
  }

  @Test
  void renderNotConfiguredIsDryRunToo() {
    PlatformActivities dryRun = new DryRunPlatformActivities();

    EnvChanged changed =
        dryRun.changeEnv(new EnvChange(RENDER, Map.of("B", SECRET, "A", "1"), List.of("C")));
    DeployStarted started = dryRun.redeploy(new RedeployRequest(RENDER, T0, "flag"));
    Delivery scaled = dryRun.scale(new ScaleRequest(RENDER, 3));

    assertThat(changed.written()).containsExactly("A", "B", "C");
    assertThat(changed.detail())
        .isEqualTo(
            "dry-run: PUT https://api.render.com/v1/services/srv-1/env-vars/A,"
                + " PUT https://api.render.com/v1/services/srv-1/env-vars/B,"
                + " DELETE https://api.render.com/v1/services/srv-1/env-vars/C");
    assertThat(started.detail())
        .isEqualTo(
            "dry-run: POST https://api.render.com/v1/services/srv-1/deploys"
                + " {\"clearCache\":\"do_not_clear\"}");
    assertThat(scaled.detail())
        .isEqualTo(
            "dry-run: POST https://api.render.com/v1/services/srv-1/scale {\"numInstances\":3}");
  }

  @Test
  void aPlatformFirebreakDoesNotKnowIsANonRetryableFailure() {
    PlatformService heroku = new PlatformService("legacy", "heroku", "app-1");

    assertThatThrownBy(() -> activities.scale(new ScaleRequest(heroku, 2)))
        .isInstanceOf(ActivityFailure.class)
        .cause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            failure -> {
              assertThat(failure.getType()).isEqualTo(DiagnosticsActivitiesImpl.UNKNOWN_PLATFORM);
              assertThat(failure.getOriginalMessage())
                  .isEqualTo("legacy is on platform 'heroku', which Firebreak cannot change");
            });
  }

  private static List<ILoggingEvent> logsOf(Runnable action, Class<?>... loggers) {
    ListAppender<ILoggingEvent> logged = new ListAppender<>();
    logged.start();
    for (Class<?> type : loggers) {
      ((Logger) LoggerFactory.getLogger(type)).addAppender(logged);
    }
    try {
      action.run();
    } finally {
      for (Class<?> type : loggers) {
        ((Logger) LoggerFactory.getLogger(type)).detachAppender(logged);
      }
    }
    return List.copyOf(logged.list);
  }
}
