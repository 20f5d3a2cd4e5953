package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** Where the Web UI checks find Chromium, and what they do without one. */
class HeadlessChromiumTest {

  @TempDir Path dir;

  private Path chromium(String folder) throws IOException {
    return FakeExecutable.in(dir.resolve(folder), "chromium");
  }

  @Test
  void theChromiumVariableWinsOverThePath() throws IOException {
    Path fromEnv = chromium("env");
    Path onPath = chromium("path");

    assertThat(
            HeadlessChromium.find(
                Map.of("CHROMIUM", fromEnv.toString(), "PATH", onPath.getParent().toString())::get))
        .contains(fromEnv);
    assertThat(
            HeadlessChromium.find(
                Map.of("PATH", dir.resolve("none") + ":" + onPath.getParent())::get))
        .contains(onPath);
    assertThat(HeadlessChromium.find(Map.of("PATH", dir.toString())::get)).isEmpty();
    assertThat(HeadlessChromium.find(Map.<String, String>of()::get)).isEmpty();
  }

  @Test
  void aChromiumThatWasAskedForButIsNotThereIsAnErrorNotAQuietSkip() {
    Path missing = dir.resolve("no-such-chromium");
    assertThatThrownBy(() -> HeadlessChromium.find(Map.of("CHROMIUM", missing.toString())::get))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void withoutChromiumTheWebUiChecksAreSkippedWithANoticeOrFailWhenRequired() throws IOException {
    assertThat(HeadlessChromium.missing(Map.of("PATH", dir.toString())::get))
        .hasValueSatisfying(
            notice -> assertThat(notice).contains("No Chromium", "apt-get install chromium"));
    assertThatThrownBy(
            () ->
                HeadlessChromium.missing(
                    Map.of("PATH", dir.toString(), "FIREBREAK_REQUIRE_CHROMIUM", "true")::get))
        .isInstanceOf(AssertionFailedError.class)
        .hasMessageContaining("requires them");
    assertThat(
            HeadlessChromium.missing(Map.of("PATH", chromium("path").getParent().toString())::get))
        .isEmpty();
  }
}
