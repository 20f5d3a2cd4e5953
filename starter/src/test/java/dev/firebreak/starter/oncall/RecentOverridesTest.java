package dev.firebreak.starter.oncall;

import static dev.firebreak.starter.oncall.OnCallLookupTest.weekly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.oncall.HandoffActivities;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import dev.firebreak.workflows.oncall.OnCallScheduleWorkflowImpl;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentOverridesTest {

  /** A clock the test moves by hand, so the cache's age is the test's to decide. */
  static final class HandClock extends Clock {
    private volatile Instant now;

    HandClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private TestWorkflowEnvironment env;
  private final HandClock clock = new HandClock(OnCallLookupTest.START);

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setInitialTime(OnCallLookupTest.START).build());
    Worker worker = env.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(OnCallScheduleWorkflowImpl.class);
    HandoffActivities noIncidents = services -> List.of();
    worker.registerActivitiesImplementations(new RecordingChat(), noIncidents);
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  private OnCallGateway gateway() {
    OnCallSchedules schedules =
        new OnCallSchedules(env.getWorkflowClient(), TaskQueue.NAME, List.of(weekly("primary")));
    schedules.configure(weekly("primary"));
    return new OnCallGateway(schedules, clock);
  }

  private static String onCall(OnCallGateway gateway) {
    OnCallAnswer answer = gateway.now().get(0);
    return answer.person().name();
  }

  @Test
  void anOverrideMadeThroughTheSameProcessIsSeenAtOnce() {
    OnCallGateway gateway = gateway();
    assertThat(onCall(gateway)).isEqualTo("Alice");

    gateway.override(
        "primary", "U0CAROL", null, clock.instant(), clock.instant().plusSeconds(7200), "U0CAROL");

    assertThat(onCall(gateway)).isEqualTo("U0CAROL");
  }

  @Test
  void anOverrideMadeElsewhereIsSeenOnceTheLastAnswerIsTwoSecondsOld() {
    OnCallGateway dashboard = gateway();
    OnCallGateway slack = gateway();
    assertThat(onCall(dashboard)).isEqualTo("Alice");

    slack.override(
        "primary", "U0CAROL", null, clock.instant(), clock.instant().plusSeconds(7200), "U0CAROL");
    clock.advance(RecentOverrides.MAX_AGE.minusMillis(1));
    assertThat(onCall(dashboard)).isEqualTo("Alice");

    clock.advance(Duration.ofMillis(1));
    assertThat(onCall(dashboard)).isEqualTo("U0CAROL");
  }
}
