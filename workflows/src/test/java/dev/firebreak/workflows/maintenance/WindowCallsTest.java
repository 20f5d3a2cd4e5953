package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.action.HttpAction;
import io.temporal.activity.ActivityOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WindowCallsTest {

  @Test
  void aStepsCallRunsWithinItsOwnTimeoutThreeTimesAtMostNamedForTheUi() {
    ActivityOptions options = WindowCalls.options("step", MaintenanceOrders.step("export-redis"));

    assertThat(options.getStartToCloseTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(options.getRetryOptions().getMaximumAttempts()).isEqualTo(3);
    assertThat(options.getSummary()).isEqualTo("step: export-redis");
  }

  @Test
  void aStepWithoutATimeoutGetsTheDefault() {
    MaintenanceStep step =
        new MaintenanceStep(
            "export-redis",
            new HttpAction(
                "export-redis", "POST", "http://127.0.0.1:9/ops/export", Map.of(), null, 200, null),
            null);

    assertThat(WindowCalls.options("step", step).getStartToCloseTimeout())
        .isEqualTo(WindowCalls.DEFAULT_ACTION_TIMEOUT);
  }
}
