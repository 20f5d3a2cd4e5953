package dev.firebreak.workflows.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResponderUpdateTest {

  @ParameterizedTest(name = "ETA \"{0}\", actions \"{1}\"")
  @CsvSource(
      nullValues = "null",
      value = {
        "null, null, 'Found it'",
        "'', ' ', 'Found it'",
        "04:30 UTC, null, 'Found it\nETA: 04:30 UTC'",
        "null, rolling back, 'Found it\nActions: rolling back'",
        "04:30 UTC, rolling back, 'Found it\nETA: 04:30 UTC\nActions: rolling back'",
      })
  void anUpdateReadsAsItsTextThenItsEtaAndActionsWhenGiven(
      String eta, String actions, String described) {
    assertThat(new ResponderUpdate("bob", "Found it", eta, actions).describe())
        .isEqualTo(described);
  }

  @Test
  void theDescriptionIsNotPartOfTheUpdatesPayload() {
    String json =
        DefaultDataConverter.newDefaultInstance()
            .toPayload(new ResponderUpdate("bob", "Found it", "soon", "rolling back"))
            .orElseThrow()
            .getData()
            .toStringUtf8();

    assertThat(json).doesNotContain("describe").contains("\"eta\":\"soon\"");
  }

  @ParameterizedTest(name = "\"{0}\" over \"{1}\" → \"{2}\"")
  @CsvSource(
      nullValues = "null",
      value = {
        "new, known, new",
        "'', known, known",
        "'  ', known, known",
        "null, known, known",
        "null, null, null",
      })
  void aPostMortemFieldAPersonFilledInWinsOverWhatIsKnown(
      String preferred, String fallback, String kept) {
    assertThat(PostMortemInput.firstNonBlank(preferred, fallback)).isEqualTo(kept);
  }
}
