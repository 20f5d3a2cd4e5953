package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManualStepAnswerTest {

  private static final MaintenanceStep STEP = MaintenanceOrders.manual("swap-disks");

  @ParameterizedTest(name = "failed: {0}, note \"{1}\" → done: {2}, \"{3}\"")
  @CsvSource(
      nullValues = "null",
      value = {
        "false, null, true, ✅ swap-disks confirmed by bob",
        "false, '', true, ✅ swap-disks confirmed by bob",
        "false, took 5 min, true, '✅ swap-disks confirmed by bob: took 5 min'",
        "true, null, false, swap-disks reported failed by bob",
        "true, disk 3 is dead, false, 'swap-disks reported failed by bob: disk 3 is dead'",
      })
  void aPersonsAnswerIsTheStepsResultWithTheirNote(
      boolean failed, String note, boolean done, String text) {
    ManualStepAnswer answer =
        ManualStepAnswer.of(
            STEP, new StepConfirmation("bob", "swap-disks", failed, note), Duration.ofMinutes(30));

    assertThat(answer).isEqualTo(new ManualStepAnswer(done, text));
  }

  @ParameterizedTest(name = "no answer within {0}")
  @CsvSource({"PT30M, 30m", "PT1H30M, 1h 30m", "PT45S, 45s"})
  void noAnswerWithinTheTimeoutFailsTheStepSayingHowLongItWaited(String timeout, String spoken) {
    ManualStepAnswer answer = ManualStepAnswer.of(STEP, null, Duration.parse(timeout));

    assertThat(answer)
        .isEqualTo(new ManualStepAnswer(false, "swap-disks was not confirmed within " + spoken));
  }
}
