package dev.firebreak.workflows.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClipTest {

  @ParameterizedTest(name = "\"{0}\" clipped to {1} reads \"{2}\"")
  @CsvSource({
    "short, 10, short",
    "exactly10!, 10, exactly10!",
    "one character too long, 21, one character too lo…",
    "abcdef, 4, abc…",
  })
  void textLongerThanTheRoomIsCutWithAnEllipsisThatCountsTowardsTheRoom(
      String text, int max, String clipped) {
    assertThat(Clip.of(text, max)).isEqualTo(clipped).hasSizeLessThanOrEqualTo(max);
  }

  @ParameterizedTest(name = "a cut at {0} characters never splits an emoji")
  @ValueSource(ints = {2, 3, 4, 5, 6, 7})
  void aCutNeverSplitsACharacterMadeOfTwoUnits(int max) {
    String clipped = Clip.of("🔥🔥🔥🔥🔥", max);

    assertThat(clipped).endsWith("…").hasSizeLessThanOrEqualTo(max);
    assertThat(clipped.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
  }

  @ParameterizedTest(name = "{0} bytes of room")
  @ValueSource(ints = {4, 10, 11, 20, 200})
  void aSummaryFitsItsByteLimitInUtf8WithoutSplittingACharacter(int maxBytes) {
    String text =
        "P1 · checkout · 🔥 payments are failing for everyone in the EU region since 09:00 "
            .repeat(4);

    String clipped = Clip.utf8(text, maxBytes);

    assertThat(clipped.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(maxBytes);
    assertThat(clipped).endsWith("…");
    assertThat(clipped.codePoints().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
  }

  @Test
  void noTextStaysNoText() {
    assertThat(Clip.of(null, 5)).isNull();
    assertThat(Clip.utf8(null, 5)).isNull();
  }
}
