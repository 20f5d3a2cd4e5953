package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.starter.api.RunningApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JobCliTest {

  @RegisterExtension final RunningApi api = new RunningApi();

  private CliRun job(String token, String... args) {
    return CliRun.of(new JobCommand(), api.baseUrl(), token, args);
  }

  @Test
  void listsAndShowsTheConfiguredJobs() {
    CliRun list = job("viewer-token", "list");
    CliRun show = job("viewer-token", "show", "payment-verification");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out()).contains("JOB", "payment-verification", "0 2 * * *", "idle");
    assertThat(show.out()).startsWith("payment-verification  0 2 * * * (UTC)  http");
    assertThat(show.out()).contains("Last success: never");
  }

  @Test
  void runSaysWhichRunItStarted() {
    api.scheduleTheConfiguredJobs();

    CliRun run = job("responder-token", "run", "payment-verification");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out()).contains("Running now:  #1 since ").contains("(manual by alice)");
  }

  @Test
  void runGivesTheJobItsParametersAndShowSaysWhoGaveWhich() {
    api.scheduleTheConfiguredJobs();

    CliRun run =
        job(
            "responder-token",
            "run",
            "collections-sync",
            "--param",
            "since=7d",
            "--param",
            "note=backfill");

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("(manual by alice with ")
        .contains("since=7d")
        .contains("note=backfill");
    // The run has started when the command answers; its call follows.
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .untilAsserted(() -> assertThat(api.jobCalls.calls).singleElement());
  }

  @Test
  void runWithAParameterTheJobDoesNotTakeExitsWithTheApisSentence() {
    api.scheduleTheConfiguredJobs();

    CliRun run = job("responder-token", "run", "collections-sync", "--param", "until=1d");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("Unknown parameter \"until\"; it takes since, note.");
    assertThat(api.jobCalls.calls).isEmpty();
  }

  @Test
  void aCommandTheApiRefusesExitsWithItsMessage() {
    CliRun run = job("viewer-token", "pause", "payment-verification", "--reason", "migration");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("needs the responder role");
  }
}
