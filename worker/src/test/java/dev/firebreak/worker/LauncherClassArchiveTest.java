package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./firebreak} launcher's class-data archive for {@code simulate}: recorded by the first
 * successful simulation after a build, used by the next ones, and never kept from a failed run.
 * Runs the repository's own launcher on a copy of the repository's layout whose jar is {@link
 * LauncherEcho}.
 */
class LauncherClassArchiveTest {

  private static final Path LAUNCHER = Path.of("..", "firebreak");

  @TempDir Path root;
  private Path jar;
  private Path archive;

  @BeforeEach
  void copyTheLauncherNextToAnEchoJar() throws Exception {
    Files.copy(LAUNCHER, root.resolve("firebreak"));
    jar = Files.createDirectories(root.resolve("worker/target")).resolve("firebreak.jar");
    archive = jar.resolveSibling("firebreak-simulate-" + javaStamp() + ".jsa");
    writeEchoJar(jar);
  }

  @Test
  void theFirstSuccessfulSimulationRecordsTheArchiveAndTheNextOnesRunWithIt() throws Exception {
    Run first = launch("simulate", "0");
    assertThat(first.status()).as(first.output()).isZero();
    assertThat(first.output()).isEqualTo("simulate 0\n");
    assertThat(archive).isRegularFile();
    assertThat(Files.size(archive)).isPositive();
    FileTime recorded = Files.getLastModifiedTime(archive);

    Run second = launch("simulate", "0");

    assertThat(second.status()).isZero();
    assertThat(second.output()).isEqualTo("simulate 0\n");
    assertThat(Files.getLastModifiedTime(archive)).isEqualTo(recorded);
    try (var files = Files.list(jar.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("firebreak.jar", archive.getFileName().toString());
    }
  }

  @Test
  void aFailedSimulationKeepsItsExitStatusAndLeavesNoArchive() throws Exception {
    Run failed = launch("simulate", "2");

    assertThat(failed.status()).isEqualTo(2);
    assertThat(failed.output()).isEqualTo("simulate 2\n");
    assertThat(archive).doesNotExist();
    try (var files = Files.list(jar.getParent())) {
      assertThat(files).hasSize(1);
    }
  }

  @Test
  void anArchiveOlderThanTheJarIsRecordedAgain() throws Exception {
    launch("simulate", "0");
    Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));

    launch("simulate", "0");

    assertThat(Files.getLastModifiedTime(archive).toInstant())
        .isAfter(Instant.parse("2026-01-01T00:00:00Z"));
  }

  @Test
  void otherCommandsRunWithoutTheArchive() throws Exception {
    Run run = launch("config", "3");

    assertThat(run.status()).isEqualTo(3);
    assertThat(archive).doesNotExist();
  }

  @Test
  void theJvmsOwnLogLinesStayOffTheSimulationsAnswer() throws Exception {
    launch("simulate", "0");
    // A jar changed under an archive that still looks newer: the JVM warns that it cannot use it,
    // and the answer must not carry that line.
    Files.setLastModifiedTime(jar, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
    Files.setLastModifiedTime(archive, FileTime.from(Instant.parse("2026-01-02T00:00:00Z")));

    Run run = launch("simulate", "0");

    assertThat(run.status()).isZero();
    assertThat(run.stdout()).isEqualTo("simulate 0\n");
  }

  /** The java on the path's modification time, as the launcher names its archive by it. */
  private static String javaStamp() throws Exception {
    Process stat = new ProcessBuilder("bash", "-c", "stat -L -c %Y \"$(command -v java)\"").start();
    String stamp = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(stat.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return stamp;
  }

  private record Run(int status, String output, String stdout) {}

  private Run launch(String... args) throws Exception {
    Path stderr = root.resolve("stderr.txt");
    Process process =
        new ProcessBuilder(
                concat(List.of("bash", root.resolve("firebreak").toString()), List.of(args)))
            .redirectError(stderr.toFile())
            .start();
    String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), stdout + Files.readString(stderr), stdout);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static void writeEchoJar(Path jar) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, LauncherEcho.class.getName());
    String entry = LauncherEcho.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream bytes = LauncherEcho.class.getClassLoader().getResourceAsStream(entry)) {
      out.putNextEntry(new JarEntry(entry));
      bytes.transferTo(out);
      out.closeEntry();
    }
  }
}
