package dev.firebreak.worker;

import static dev.firebreak.worker.ProcessTrial.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.firebreak.activities.fakes.FakeStatuspageApi;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production layout on a real Temporal: {@code ./firebreak worker} and {@code ./firebreak api}
 * as two OS processes against the Temporal CLI's dev server, live Slack, PagerDuty and Statuspage
 * clients pointed at the project's fakes in this JVM, a config with short timers written here.
 * Every verdict is counted at the fakes, which is where a duplicate or a lost step would show. The
 * processes' output is kept in {@code target/separate-processes/}. The crash trial is {@link
 * CrashTrialOnTemporalCliTest}; two workers and two APIs, {@link
 * TwoWorkersAndTwoApisOnTemporalCliTest}.
 */
class SeparateProcessesOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.started();

  static ProcessTrial trial;

  @BeforeAll
  static void startWorkerAndApi() throws Exception {
    if (temporal.server() != null) { // without a CLI the extension reports every test skipped
      trial = new ProcessTrial(temporal, Path.of("target", "separate-processes"), 1, 1);
    }
  }

  @AfterAll
  static void stopEverything() {
    if (trial != null) {
      trial.close();
    }
  }

  @Test
  void anIncidentRunsItsWholeLifeWithWorkerAndApiInSeparateProcesses() throws Exception {
    TrialFakes fakes = trial.fakes;
    DevApi http = trial.api();
    String id = trial.declare("Checkout returns 500");

    await(Duration.ofSeconds(20))
        .until(() -> fakes.incidentMessages(id), messages -> messages.size() == 1);
    await(Duration.ofSeconds(20))
        .until(() -> fakes.statuspageIncidents(id), incidents -> incidents.size() == 1);
    // The ack timeout is 10 s: nobody acknowledges, so the second level is paged.
    await(Duration.ofSeconds(40))
        .until(() -> fakes.triggersByLevel(id).getOrDefault("secondary", 0L) >= 1);
    http.call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\":\"alice\"}", 200);
    await(Duration.ofSeconds(20)).until(() -> fakes.pagerDutyActions(id).contains("acknowledge"));
    http.call(
        "POST",
        "/api/v1/incidents/" + id + "/updates",
        "{\"by\":\"alice\",\"text\":\"Webhook secret mismatch\",\"eta\":\"10 min\"}",
        200);
    await(Duration.ofSeconds(20))
        .until(() -> fakes.statuspageIncidents(id).get(0).updates().size() >= 2);
    assertThat(
            http.call(
                    "POST",
                    "/api/v1/incidents/" + id + "/resolve",
                    "{\"by\":\"alice\",\"summary\":\"Secret rotated\",\"rootCause\":\"Rotated in Stripe only\"}",
                    200)
                .get("status")
                .asText())
        .isEqualTo("MONITORING");
    await(Duration.ofSeconds(40)).until(() -> trial.status(id), "POST_MORTEM"::equals);
    assertThat(
            http.call(
                    "POST",
                    "/api/v1/incidents/" + id + "/postmortem/review",
                    "{\"by\":\"bob\"}",
                    200)
                .get("status")
                .asText())
        .isEqualTo("CLOSED");
    trial.awaitCompleted("incident-" + id);

    assertThat(trial.timelineKinds(id))
        .contains("paged", "acknowledged", "update", "resolved", "monitoring-passed");
    assertThat(trial.incidentsCompleted(List.of(id))).isEqualTo(1);
    assertThat(fakes.incidentMessages(id)).as("one incident message").hasSize(1);
    assertThat(fakes.announcements(id)).as("one announcement in #incidents").hasSize(1);
    assertThat(fakes.duplicatedSlackKeys()).as("no Slack message posted twice").isEmpty();
    assertThat(fakes.triggersByLevel(id))
        .as("each level paged once")
        .isEqualTo(Map.of("primary", 1L, "secondary", 1L));
    assertThat(fakes.pagerDutyActions(id))
        .as("PagerDuty: triggers, then acknowledge, then resolve")
        .containsExactly("trigger", "trigger", "acknowledge", "resolve");
    assertThat(fakes.pagerDuty.alerts())
        .filteredOn(alert -> alert.dedupKey().equals(id))
        .singleElement()
        .satisfies(alert -> assertThat(alert.status()).isEqualTo("resolved"));
    FakeStatuspageApi.Incident publicIncident = fakes.statuspageIncidents(id).get(0);
    assertThat(publicIncident.status()).isEqualTo("resolved");
    assertThat(TrialFakes.duplicatedUpdates(publicIncident))
        .as("no status-page update posted twice")
        .isZero();
  }
}
