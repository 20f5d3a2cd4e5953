package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobApiTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOB = JobRoutes.BASE + "/payment-verification";

  @RegisterExtension final RunningApi api = new RunningApi();

  private void scheduleTheConfiguredJobs() {
    api.scheduleTheConfiguredJobs();
  }

  @Test
  void listsTheConfiguredJobsEvenBeforeAWorkerHasScheduledThem() {
    HttpResponse<String> list = api.get(JobRoutes.BASE, "viewer-token");

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(json(list).get(0).get("name").asText()).isEqualTo("payment-verification");
    assertThat(json(list).get(0).get("cron").asText()).isEqualTo("0 2 * * *");
    assertThat(json(list).get(0).get("runs").asLong()).isZero();
    assertThat(api.post(JOB + "/run", "responder-token", "").statusCode()).isEqualTo(409);
  }

  @Test
  void aResponderRunsAJobNowAndItsOutcomeAndLastSuccessShow() {
    scheduleTheConfiguredJobs();

    HttpResponse<String> run =
        api.post(
            JOB + "/run", "responder-token", "{\"reason\":\"verify after the Stripe outage\"}");

    assertThat(run.statusCode()).isEqualTo(200);
    assertThat(json(run).get("current").get("number").asLong())
        .as("the run it started")
        .isEqualTo(1);
    assertThat(json(run).get("current").get("trigger").get("by").asText()).isEqualTo("alice");
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> json(api.get(JOB, "viewer-token")).path("lastSuccess").isObject());
    JsonNode job = json(api.get(JOB, "viewer-token"));
    assertThat(job.get("lastSuccess").get("trigger").get("by").asText()).isEqualTo("alice");
    assertThat(job.get("lastSuccess").get("dryRun").asBoolean())
        .as("CRON_SECRET is not set")
        .isTrue();
    assertThat(job.get("history")).hasSize(1);
    assertThat(api.jobCalls.calls).hasSize(1);
  }

  @Test
  void pauseAndResumeAreRecordedUnderTheCallersNameAndRefusedTwice() {
    scheduleTheConfiguredJobs();

    HttpResponse<String> paused = api.post(JOB + "/pause", "responder-token", "");
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(json(paused).get("paused").asBoolean()).isTrue();
    assertThat(json(paused).get("pausedBy").asText()).isEqualTo("alice");

    HttpResponse<String> again = api.post(JOB + "/pause", "admin-token", "");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(json(again).get("message").asText()).contains("already paused (by alice)");

    HttpResponse<String> resumed = api.post(JOB + "/resume", "admin-token", "");
    assertThat(resumed.statusCode()).isEqualTo(200);
    assertThat(json(resumed).get("paused").asBoolean()).isFalse();
  }

  @Test
  void aRunNowGivesTheJobsParametersTheirValuesAndTheRunShowsThem() {
    scheduleTheConfiguredJobs();
    String sync = JobRoutes.BASE + "/collections-sync";

    HttpResponse<String> run =
        api.post(sync + "/run", "responder-token", "{\"parameters\":{\"since\":\"7d\"}}");

    assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> json(api.get(sync, "viewer-token")).path("lastSuccess").isObject());
    assertThat(api.jobCalls.calls)
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.action().url())
                  .isEqualTo("https://app.recoup.test/api/cron/collections?since=7d");
              assertThat(call.action().body()).isEqualTo("{\"note\":\"nightly\"}");
            });
    assertThat(
            json(api.get(sync, "viewer-token"))
                .get("lastSuccess")
                .get("trigger")
                .get("parameters")
                .toString())
        .isEqualTo("{\"since\":\"7d\"}");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "run|{\"parameters\":{\"until\":\"1d\"}}|422|Unknown parameter \"until\"; it takes since, note.",
        "run|{\"parameters\":{\"since\":\"yesterday\"}}|422|Parameter \"since\" must match [0-9]+[hd].",
        "run|{\"parameters\":{\"since\":\"${CRON_SECRET}\"}}|422|Parameter \"since\" may not contain \"${\".",
        "run|{\"parameters\":{\"since\":{\"days\":1}}}|400|Parameter 'since' must be text or a whole number.",
        "pause|{\"parameters\":{\"since\":\"1d\"}}|400|Only a run takes parameters; pause takes none.",
      })
  void badParametersAreRefusedWithAClearErrorAndNothingRuns(
      String verb, String body, int status, String message) {
    scheduleTheConfiguredJobs();
    String sync = JobRoutes.BASE + "/collections-sync";

    HttpResponse<String> refused = api.post(sync + "/" + verb, "responder-token", body);

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(status);
    assertThat(json(refused).get("message").asText()).isEqualTo(message);
    JsonNode job = json(api.get(sync, "viewer-token"));
    assertThat(job.get("runs").asLong()).isZero();
    assertThat(job.get("paused").asBoolean()).isFalse();
    assertThat(api.jobCalls.calls).isEmpty();
  }

  @Test
  void viewersMayLookButNotCommandAndUnknownJobsAreNotFound() {
    assertThat(api.post(JOB + "/run", "viewer-token", "").statusCode()).isEqualTo(403);
    assertThat(api.get(JOB, null).statusCode()).isEqualTo(401);
    HttpResponse<String> unknown = api.get(JobRoutes.BASE + "/nightly-backup", "viewer-token");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(json(unknown).get("message").asText())
        .isEqualTo("No job named 'nightly-backup' in the configuration.");
  }

  private static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
