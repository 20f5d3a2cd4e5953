package dev.firebreak.starter.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.api.RunningApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PlaybookCliTest {

  @RegisterExtension final RunningApi api = new RunningApi();

  private CliRun playbook(String... args) {
    return CliRun.of(new PlaybookCommand(), api.baseUrl(), "viewer-token", args);
  }

  @Test
  void listsThePlaybooksAndShowsOneWithItsChecklistAndPrevention() {
    CliRun list = playbook("list");
    CliRun show = playbook("show", "site-down");

    assertThat(list.exit()).as(list.err()).isZero();
    assertThat(list.out())
        .contains("PLAYBOOK", "site-down", "Site down", "services talk-to-my-lawyer; words down")
        .contains("payments", "only by name");
    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out())
        .startsWith("site-down  Site down")
        .contains("Symptoms:  Every page answers 5xx.")
        .contains(
            "Checklist:\n    1. Check the platform's status\n    2. Roll back the last deploy")
        .contains("Prevention:\n    1. Alert on 5xx above 1 %");
  }

  @Test
  void incidentShowPrintsThePlaybookWithItsTickedChecklist() throws Exception {
    String id =
        new ObjectMapper()
            .readTree(
                api.post(
                        "/api/v1/incidents",
                        "responder-token",
                        "{\"title\":\"Checkout errors\",\"severity\":\"P2\",\"service\":\"recoup-backend\",\"playbook\":\"payments\"}")
                    .body())
            .get("id")
            .asText();
    api.post("/api/v1/incidents/" + id + "/checklist/1", "responder-token", "{}");

    CliRun show = CliRun.of(new IncidentCommand(), api.baseUrl(), "viewer-token", "show", id);

    assertThat(show.exit()).as(show.err()).isZero();
    assertThat(show.out())
        .contains("  Playbook:         payments (Payment processing broken)\n")
        .contains("    [x] 1. Check Stripe's status (alice)\n");
  }

  @Test
  void anUnknownPlaybookExitsWithTheApisMessage() {
    CliRun show = playbook("show", "nope");

    assertThat(show.exit()).isEqualTo(1);
    assertThat(show.err()).contains("No playbook named 'nope'");
  }
}
