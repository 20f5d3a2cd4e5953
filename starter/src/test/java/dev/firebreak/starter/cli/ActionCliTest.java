package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.api.RunningApi;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code firebreak incident run|action|approve|refuse|undo} against the API. */
class ActionCliTest {

  @RegisterExtension final RunningApi api = new RunningApi();

  private String declare() throws Exception {
    return new ObjectMapper()
        .readTree(
            api.post(
                    "/api/v1/incidents",
                    "responder-token",
                    "{\"title\":\"Checkout errors\",\"severity\":\"P2\",\"service\":\"recoup-backend\",\"playbook\":\"payments\"}")
                .body())
        .get("id")
        .asText();
  }

  private CliRun incident(String token, String... args) {
    return CliRun.of(new IncidentCommand(), api.baseUrl(), token, args);
  }

  @Test
  void runsAnActionWithParametersAndShowsTheRunAndTheIncidentListsIt() throws Exception {
    String id = declare();

    CliRun run =
        incident(
            "responder-token",
            "run",
            id,
            "scale",
            "--param",
            "count=3",
            "--reason",
            "load",
            "--key",
            "cli-1");
    CliRun show = incident("viewer-token", "action", id, "action-" + id + "-cli-1");
    CliRun incident = incident("viewer-token", "show", id);

    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("Action run action-" + id + "-cli-1 ")
        .endsWith(
            "; follow it with: firebreak incident action " + id + " action-" + id + "-cli-1\n");
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out())
        .startsWith("action-" + id + "-cli-1  scale (scale, playbook payments)\n")
        .contains("  Status:       SUCCEEDED\n")
        .contains("  Requested by: alice: load\n")
        .contains("  Parameter:    count = 3\n");
    assertThat(incident.out()).contains("  Action run:       action-" + id + "-cli-1\n");
  }

  @Test
  void aSecondPersonApprovesTheRequesterCannotAndARefusalEndsTheRun() throws Exception {
    String id = declare();
    incident("responder-token", "run", id, "circuit-breaker", "--key", "a");
    incident("responder-token", "run", id, "circuit-breaker", "--key", "b");

    CliRun self = incident("responder-token", "approve", id, "action-" + id + "-a");
    CliRun approved =
        incident("admin-token", "approve", id, "action-" + id + "-a", "--comment", "go");
    CliRun refused = incident("admin-token", "refuse", id, "action-" + id + "-b");
    // The approved run goes on after the answer; its undo is offered once it succeeded.
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                incident("viewer-token", "action", id, "action-" + id + "-a")
                    .out()
                    .contains("  Status:       SUCCEEDED\n"));
    CliRun undo = incident("responder-token", "undo", id, "action-" + id + "-a");

    assertThat(self.exit()).isEqualTo(1);
    assertThat(self.err())
        .isEqualTo(
            "error: token 'alice' asked for this run of circuit-breaker, so someone else must"
                + " approve it.\n");
    assertThat(approved.exit()).as(approved.err()).isZero();
    assertThat(approved.out()).contains("  Approved by:  ci\n");
    assertThat(incident("viewer-token", "action", id, "action-" + id + "-a").out())
        .contains("  Undo with:    close-breaker\n");
    assertThat(refused.out())
        .contains("  Status:       REFUSED\n")
        .contains("  Refused by:   ci\n");
    assertThat(undo.exit()).as(undo.err()).isZero();
    assertThat(undo.out()).startsWith("Action run action-" + id + "-undo-a ");
  }

  @Test
  void badParametersExitWithTheApisSentence() throws Exception {
    String id = declare();

    CliRun run = incident("responder-token", "run", id, "scale", "--param", "count=99");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).isEqualTo("error: Parameter \"count\" must be at most 10.\n");
  }
}
