package dev.firebreak.starter.oncall;

import static dev.firebreak.starter.oncall.OnCallLookupTest.weekly;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.common.SettableClock;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.oncall.OnCallAnswer;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecentOverridesTest {

  private TestWorkflowEnvironment env;
  private final SettableClock clock = new SettableClock(OnCallLookupTest.START);

  @BeforeEach
  void start() {
    env = OnCallLookupTest.scheduleServer();
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
