package dev.firebreak.activities.slack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChecklistStepTest {

  @Test
  void aCheckboxValueNamesTheIncidentAndTheStepItWasWrittenFor() {
    ChecklistStep step = new ChecklistStep("INC-20261204-12", 3);

    assertThat(ChecklistStep.parse(step.value())).contains(step);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "INC-1", "#2", "INC-1#", "INC-1#two", "INC-1#99999999999"})
  void aValueThatNamesNoStepIsNoStep(String value) {
    assertThat(ChecklistStep.parse(value)).isEmpty();
  }
}
