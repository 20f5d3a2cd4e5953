package dev.firebreak.workflows.maintenance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.workflows.maintenance.WindowChecklist.Ending;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowChecklistTest {

  @Test
  void aWindowWhoseStepsAllRanGoesOnToItsPostChecks() {
    WindowChecklist checklist = new WindowChecklist();
    checklist.stepEnded(true);

    assertThat(checklist.ending(true, true)).isEqualTo(Ending.POST_CHECKS);
  }

  @ParameterizedTest(name = "first step sent nothing: {0}, undoes only what it changed: {1} → {2}")
  @CsvSource({
    "true, true, CALLED_OFF",
    "true, false, FAILED",
    "false, true, FAILED",
    "false, false, FAILED",
  })
  void aFirstStepThatSentNothingCallsTheWindowOffOnlyWhenTheWindowUndoesOnlyWhatItChanged(
      boolean sentNothing, boolean onlyWhatChanged, Ending ending) {
    WindowChecklist checklist = new WindowChecklist();
    checklist.fail("rotate-keys failed: FIREBREAK_TOKEN is not set");
    checklist.sentNothing(sentNothing);
    checklist.stepEnded(false);

    assertThat(checklist.ending(false, onlyWhatChanged)).isEqualTo(ending);
  }

  @Test
  void aStepThatSentNothingAfterAStepThatRanFailsTheWindowBecauseSomethingMayHaveChanged() {
    WindowChecklist checklist = new WindowChecklist();
    checklist.stepEnded(true);
    checklist.fail("rotate-keys failed: FIREBREAK_TOKEN is not set");
    checklist.sentNothing(true);
    checklist.stepEnded(false);

    assertThat(checklist.ending(false, true)).isEqualTo(Ending.FAILED);
  }

  @Test
  void aFailedModeSwitchOffAfterAllStepsRanStillFailsTheWindow() {
    WindowChecklist checklist = new WindowChecklist();
    checklist.stepEnded(true);
    checklist.fail("maintenance-off failed: HTTP 500");

    assertThat(checklist.ending(true, true)).isEqualTo(Ending.FAILED);
  }

  @Test
  void aFailureWhileSwitchingTheModeOffIsReportedAfterTheFailureThatCameFirst() {
    WindowChecklist checklist = new WindowChecklist();
    checklist.fail("export-redis failed: HTTP 503");
    String earlier = checklist.failure();
    checklist.fail("maintenance-off failed: HTTP 500");
    checklist.failedAfter(earlier);

    assertThat(checklist.failure())
        .isEqualTo("export-redis failed: HTTP 503; then maintenance-off failed: HTTP 500");
  }

  @ParameterizedTest(
      name =
          "the switch sent nothing: {0}, undoes only what it changed: {1} → mode to switch off: {2}")
  @CsvSource({
    "true, true, false",
    "true, false, true",
    "false, true, true",
  })
  void aModeSwitchThatNeverLeftFirebreakLeavesNothingToSwitchOff(
      boolean sentNothing, boolean onlyWhatChanged, boolean switchOff) {
    WindowChecklist checklist = new WindowChecklist();
    checklist.modeSwitchedOn();
    checklist.fail("maintenance-on failed");
    checklist.sentNothing(sentNothing);
    checklist.modeSwitchFailed(onlyWhatChanged);

    assertThat(checklist.switchingModeOff()).isEqualTo(switchOff);
    assertThat(checklist.switchingModeOff()).as("the mode is switched off once").isFalse();
  }
}
