package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code firebreak simulate --json} as its own process, as a script pipes it: standard output is
 * the JSON and nothing else, although the simulated workflow logs as it pages.
 */
class SimulateOutputTest {

  @Test
  void theJsonIsAloneOnStandardOutputAndTheLogsStayOffIt(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("out.json");
    Path err = dir.resolve("err.txt");
    List<String> command =
        new ArrayList<>(
            List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(FirebreakOsProcess.TEST_JVM_OPTIONS);
    // The test classpath has two logback-test.xml, and logback prints its warning about that on
    // standard output; the jar has one logback.xml and prints nothing.
    command.add("-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Firebreak.class.getName(),
            "simulate",
            "--config",
            Path.of("..", "examples", "recoup.yaml").toString(),
            "--severity",
            "P1",
            "--service",
            "recoup-backend",
            // Within a year of whenever the test runs: only the output's shape is judged.
            "--at",
            Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.HOURS).toString(),
            "--ack-after",
            "20m",
            "--json"));
    Process process =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();

    assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(err)).isZero();
    JsonNode simulation = new ObjectMapper().readTree(Files.readString(out));
    // The primary schedule's person and PagerDuty at once, the secondary's person after 15 minutes.
    assertThat(simulation.path("pages")).hasSize(3);
    assertThat(Files.readString(err)).doesNotContain("Paging level");
  }
}
