package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code firebreak simulate} on the runbooks' example configs: its table is compared with the
 * committed expected output, exactly. {@code -Dfirebreak.recordSimulations=true} rewrites the
 * expected files from the current output (then review the diff).
 */
class SimulateCommandTest {

  private static final Path EXAMPLES = Path.of("..", "examples");
  private static final Path EXPECTED = Path.of("src", "test", "resources", "simulations");

  /** "Now" for the one-year bound on {@code --at}. */
  private static final Clock NOW =
      Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);

  private static CliRun simulate(String... args) {
    return CliRun.local(new SimulateCommand(NOW), args);
  }

  private static CliRun p1OnApiAtChristmas(Path config) {
    return simulate(
        "--config",
        config.toString(),
        "--severity",
        "P1",
        "--service",
        "api",
        "--at",
        "2026-12-25T03:00 Europe/London");
  }

  static Stream<Arguments> runbookPages() {
    return Stream.of(
        Arguments.of(
            "recoup-p0-christmas-night",
            "recoup.yaml",
            "P0",
            "recoup-backend",
            "2026-12-25T03:00 Europe/London"),
        Arguments.of(
            "recoup-p4-boxing-day-night",
            "recoup.yaml",
            "P4",
            "recoup-backend",
            "2026-12-26T03:00 Europe/London"),
        Arguments.of(
            "talk-to-my-lawyer-p1-christmas-night",
            "talk-to-my-lawyer.yaml",
            "P1",
            "talk-to-my-lawyer",
            "2026-12-25T03:00 America/New_York"),
        Arguments.of(
            "ascendos-p2-new-year",
            "ascendos.yaml",
            "P2",
            "ascendos",
            "2027-01-01T00:30 Europe/London"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runbookPages")
  void aRunbookExamplesPagingTimelineIsTheCommittedExpectedOutput(
      String name, String example, String severity, String service, String at) throws IOException {
    CliRun run =
        simulate(
            "--config",
            EXAMPLES.resolve(example).toString(),
            "--severity",
            severity,
            "--service",
            service,
            "--at",
            at);

    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    Path expected = EXPECTED.resolve(name + ".txt");
    if (Boolean.getBoolean("firebreak.recordSimulations")) {
      Files.writeString(expected, run.out(), StandardCharsets.UTF_8);
    }
    assertThat(run.out()).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }

  @Test
  void anAcknowledgementStopsThePagingAtItsMomentAndALevelDueThenIsNotPaged() throws IOException {
    CliRun run =
        simulate(
            "--config",
            EXAMPLES.resolve("recoup.yaml").toString(),
            "--severity",
            "P1",
            "--service",
            "recoup-backend",
            "--at",
            "2026-12-25T03:00 Europe/London",
            "--ack-after",
            "30m",
            "--json");

    assertThat(run.exit()).isZero();
    JsonNode simulation = new ObjectMapper().readTree(run.out());
    List<String> paged = new ArrayList<>();
    simulation
        .path("pages")
        .forEach(
            page -> paged.add(page.path("local").asText() + " " + page.path("levelName").asText()));
    // Primary at once, secondary after 15 minutes; the 30-minute page never goes out.
    assertThat(paged)
        .containsExactly(
            "Fri 25 Dec 03:00 primary", "Fri 25 Dec 03:00 primary", "Fri 25 Dec 03:15 secondary");
    assertThat(simulation.path("ackAfter").asText()).isEqualTo("30m");
    assertThat(simulation.path("outcome").asText())
        .isEqualTo("Acknowledged 30m after the declaration, at Fri 25 Dec 03:30: paging stopped.");
  }

  @Test
  void aSeverityThatDoesNotPageReachesNobodyAndSaysSo() {
    CliRun run =
        simulate(
            "--config",
            EXAMPLES.resolve("recoup.yaml").toString(),
            "--severity",
            "P3",
            "--service",
            "recoup-backend",
            "--at",
            "2026-12-26T03:00 Europe/London");

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            P3 on recoup-backend, declared Sat 26 Dec 03:00 (Europe/London), nobody acknowledges
            Nobody is paged.
            P3 pages nobody: the channel is told and nobody is woken.
            """);
  }

  @Test
  void aConfigStringWithTerminalControlsIsPrintedWithoutThem(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("firebreak.yaml");
    Files.writeString(
        config,
        """
        organisation: Test
        escalation:
          rounds: 1
          levels:
            - { name: "prim\\e[2J\\e]0;owned\\aary", targets: ["slack:U0ALICE"] }
        services:
          - { name: api }
        """);

    CliRun run = p1OnApiAtChristmas(config);

    assertThat(run.exit()).isZero();
    assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\u0007").contains("1 prim");
  }

  static Stream<Arguments> badRequests() {
    String recoup = EXAMPLES.resolve("recoup.yaml").toString();
    String at = "2026-12-25T03:00 Europe/London";
    return Stream.of(
        Arguments.of(
            List.of(
                "--config", recoup, "--severity", "P9", "--service", "recoup-backend", "--at", at),
            1,
            "'severity' is 'P9', not one of P0, P1, P2, P3, P4."),
        Arguments.of(
            List.of("--config", recoup, "--severity", "P1", "--service", "billing", "--at", at),
            1,
            "No service named 'billing' in the config; known: recoup-frontend, recoup-backend, recoup-hmrc."),
        Arguments.of(
            List.of(
                "--config",
                recoup,
                "--severity",
                "P1",
                "--service",
                "recoup-backend",
                "--at",
                "25/12/2026 03:00"),
            1,
            "'at' is '25/12/2026 03:00': write a local time and its zone like"),
        Arguments.of(
            List.of(
                "--config",
                recoup,
                "--severity",
                "P1",
                "--service",
                "recoup-backend",
                "--at",
                "2026-12-25T03:00 Mars/Olympus"),
            1,
            "'at' is '2026-12-25T03:00 Mars/Olympus'"),
        Arguments.of(
            List.of(
                "--config",
                recoup,
                "--severity",
                "P1",
                "--service",
                "recoup-backend",
                "--at",
                "2028-12-25T03:00 Europe/London"),
            1,
            "a simulation starts within a year of now."),
        Arguments.of(
            List.of(
                "--config",
                recoup,
                "--severity",
                "P1",
                "--service",
                "recoup-backend",
                "--at",
                at,
                "--ack-after",
                "25h"),
            1,
            "'ackAfter' is 1d 01h: it must be between 1m and 1d."),
        Arguments.of(
            List.of(
                "--config",
                recoup,
                "--severity",
                "P1",
                "--service",
                "recoup-backend",
                "--at",
                at,
                "--ack-after",
                "soon"),
            1,
            "'ackAfter' is 'soon', not a duration like 20m, 1h or PT20M."),
        Arguments.of(
            List.of(
                "--config",
                "no-such-firebreak.yaml",
                "--severity",
                "P1",
                "--service",
                "recoup-backend",
                "--at",
                at),
            2,
            "error: cannot read no-such-firebreak.yaml"));
  }

  @ParameterizedTest
  @MethodSource("badRequests")
  void aRequestThatCannotBeSimulatedExitsNonZeroWithASentenceAndPrintsNoTable(
      List<String> args, int exitCode, String message) {
    CliRun run = simulate(args.toArray(String[]::new));

    assertThat(run.exit()).isEqualTo(exitCode);
    assertThat(run.err()).contains(message);
    assertThat(run.out()).isEmpty();
  }

  @Test
  void aConfigWithProblemsExitsTwoAndListsThem(@TempDir Path dir) throws IOException {
    Path config = dir.resolve("firebreak.yaml");
    Files.writeString(config, "organisation: Test\nservices: []\nescalation: { levels: [] }\n");

    CliRun run = p1OnApiAtChristmas(config);

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("problem(s)").contains("escalation.levels");
    assertThat(run.out()).isEmpty();
  }
}
