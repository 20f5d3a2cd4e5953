package dev.firebreak.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;

/**
 * What the extensions around an outside tool (the Temporal CLI, Chromium) share: a tool that is not
 * installed skips its tests with a notice, unless the environment requires it (CI, where {@code
 * .ci/run} installed it), where its absence fails them; and the scratch directory it ran in goes
 * afterwards.
 */
final class MissingTool {

  private MissingTool() {}

  /**
   * Nothing when the tool is there; else the notice, or a failure where {@code requireVariable} is
   * true.
   */
  static Optional<String> notice(
      boolean found, String notice, String requireVariable, Function<String, String> env) {
    if (found) {
      return Optional.empty();
    }
    if ("true".equalsIgnoreCase(env.apply(requireVariable))) {
      return Assertions.fail(notice + ", and " + requireVariable + "=true requires them");
    }
    return Optional.of(notice);
  }

  /** Deletes the directory and all below it. */
  static void deleteTree(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
