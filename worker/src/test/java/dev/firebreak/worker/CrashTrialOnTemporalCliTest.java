package dev.firebreak.worker;

import static dev.firebreak.worker.ProcessTrial.await;
import static dev.firebreak.worker.ProcessTrial.resumed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.fakes.FakeSlackFault;
import dev.firebreak.worker.CrashTrialReport.Kill;
import dev.firebreak.worker.ProcessTrial.Restart;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash trial on a real Temporal: the worker {@code kill -9}ed ten times at chosen moments (a
 * declare, provider calls held open by the fakes, commands, monitoring, a rollback's polling, a
 * maintenance window waiting for a manual step), the API twice and the dev server once (restarted
 * on its port and database file), each restarted at once. Counted at the fakes: every incident,
 * rollback and window completes, nothing is lost or repeated, and each interrupted step resumes
 * within 15 s of the restart. The report is printed and written to {@code
 * target/crash-trial-report.md}; the processes' output is in {@code target/crash-trial/}.
 */
class CrashTrialOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.started();

  static ProcessTrial trial;
  static TrialFakes fakes;
  static FirebreakOsProcess worker;

  @BeforeAll
  static void startWorkerAndApi() throws Exception {
    if (temporal.server() != null) { // without a CLI the extension reports every test skipped
      trial = new ProcessTrial(temporal, Path.of("target", "crash-trial"), 1, 1);
      fakes = trial.fakes;
      worker = trial.workers.get(0);
    }
  }

  @AfterAll
  static void stopEverything() {
    if (trial != null) {
      trial.close();
    }
  }

  /**
   * Thirteen restarts of JVMs and a server on a loaded two-core machine take longer than the
   * default limit.
   */
  @Test
  @Timeout(value = 8, unit = TimeUnit.MINUTES)
  void killedWorkersApisAndServerLoseNoStepAndRepeatNoMessagePageOrStatusUpdate() throws Exception {
    List<Kill> kills = new ArrayList<>();
    List<String> incidents = new ArrayList<>();
    Map<String, Integer> others = new LinkedHashMap<>();
    DevApi http = trial.api();
    try {
      // 1. Right after a declare: the API has started the incident, the worker has barely seen it.
      String a = trial.declare("Crash trial: killed right after the declare");
      incidents.add(a);
      killWorkerDuring(
          "incident-" + a,
          "right after a declare",
          "the declaration's first workflow task",
          declared(a),
          kills);

      // 2. Idle, then a command through the API to the restarted worker.
      Restart restart = trial.restartWorker(worker, "incident-" + a);
      http.call("POST", "/api/v1/incidents/" + a + "/ack", "{\"by\":\"alice\"}", 200);
      kills.add(
          Kill.at(
              "worker",
              "idle, then an acknowledge",
              "nothing",
              restart.inFlight(),
              resumed(
                  restart.startedAt(), () -> fakes.pagerDutyActions(a).contains("acknowledge"))));

      // 3. During monitoring, once the resolve's own calls are done.
      http.call(
          "POST",
          "/api/v1/incidents/" + a + "/updates",
          "{\"by\":\"alice\",\"text\":\"Rolling back\"}",
          200);
      http.call(
          "POST",
          "/api/v1/incidents/" + a + "/resolve",
          "{\"by\":\"alice\",\"summary\":\"Rolled back\"}",
          200);
      long monitoringEnds = System.nanoTime() + ProcessTrial.MONITORING.toNanos();
      await(Duration.ofSeconds(30))
          .until(
              () ->
                  fakes.pagerDutyActions(a).contains("resolve")
                      && trial.startedActivities("incident-" + a) == 0);
      assertThat(trial.status(a))
          .as("still monitoring when the worker is killed")
          .isEqualTo("MONITORING");
      restart = trial.restartWorker(worker, "incident-" + a);
      // The interrupted step is the end of the period: it falls due then, or at the restart if
      // later.
      kills.add(
          Kill.at(
              "worker",
              "during monitoring",
              "the monitoring timer",
              restart.inFlight(),
              resumed(
                  Math.max(restart.startedAt(), monitoringEnds),
                  () -> trial.status(a).equals("POST_MORTEM"))));
      trial.review(a);

      // 4. (Every earlier incident has completed, so the fault meets this incident's post.) While
      // Slack
      // holds the incident message's post open: carried out, the answer not yet sent (inside the
      // client's 10 s timeout). The attempt dies with the worker; its retry must find the message.
      fakes.slack.failNext("chat.postMessage", 1, FakeSlackFault.slow(Duration.ofMillis(9_500)));
      String b = trial.declare("Crash trial: killed during a held Slack call");
      incidents.add(b);
      await(Duration.ofSeconds(20)).until(() -> fakes.incidentMessages(b).size() == 1);
      restart =
          killWorkerDuring(
              "incident-" + b,
              "while Slack held a post open",
              "chat.postMessage, done and held 9.5 s",
              () -> fakes.announcements(b).size() == 1,
              kills);
      assertThat(restart.inFlight())
          .as("the held post was running on the worker when it was killed")
          .isPositive();

      // 5. The API, then a command through the restarted one.
      long apiStarted = trial.restartApi(0);
      http.call("POST", "/api/v1/incidents/" + b + "/ack", "{\"by\":\"alice\"}", 200);
      kills.add(
          Kill.at(
              "api",
              "between commands",
              "nothing",
              0,
              resumed(apiStarted, () -> fakes.pagerDutyActions(b).contains("acknowledge"))));

      // 6. Right after an update was accepted: its posts (Slack thread, status page) are on their
      // way.
      http.call(
          "POST",
          "/api/v1/incidents/" + b + "/updates",
          "{\"by\":\"alice\",\"text\":\"Restarted the queue\"}",
          200);
      killWorkerDuring(
          "incident-" + b,
          "right after an update",
          "the update's posts",
          () -> fakes.statuspageIncidents(b).get(0).updates().size() >= 2,
          kills);

      // 7. Right after a resolve was accepted: PagerDuty's resolve and the public resolution are on
      // their way.
      http.call(
          "POST",
          "/api/v1/incidents/" + b + "/resolve",
          "{\"by\":\"alice\",\"summary\":\"Queue drained\"}",
          200);
      killWorkerDuring(
          "incident-" + b,
          "right after a resolve",
          "the resolve's calls",
          () ->
              fakes.pagerDutyActions(b).contains("resolve")
                  && fakes.statuspageIncidents(b).get(0).status().equals("resolved"),
          kills);
      trial.review(b);

      // 8. While Statuspage holds the new incident's first call open (answered 503 after 9 s,
      // nothing done).
      int statuspageCalls = fakes.statuspage.requests().size();
      fakes.statuspage.faults().slowNext(1, Duration.ofSeconds(9));
      String c = trial.declare("Crash trial: killed during a held Statuspage call");
      incidents.add(c);
      await(Duration.ofSeconds(20))
          .until(() -> fakes.statuspage.requests().size() > statuspageCalls);
      killWorkerDuring(
          "incident-" + c,
          "while Statuspage held a call open",
          "a Statuspage call, held 9 s",
          () -> fakes.statuspageIncidents(c).size() == 1,
          kills);

      // 9. The dev server itself, with its database file, restarted on the same port; then a
      // command.
      temporal.killAndRestart();
      long serverStarted = System.nanoTime();
      // The API's and the worker's connections come back on their own; until they do, the API
      // answers 503.
      await(Duration.ofSeconds(60))
          .ignoreExceptions()
          .until(
              () ->
                  trial.timelineKinds(c).contains("acknowledged")
                      || http.call(
                              "POST", "/api/v1/incidents/" + c + "/ack", "{\"by\":\"alice\"}", 200)
                          != null);
      kills.add(
          Kill.at(
              "dev server",
              "with an idle incident, then an acknowledge",
              "nothing",
              0,
              resumed(serverStarted, () -> fakes.pagerDutyActions(c).contains("acknowledge"))));
      trial.updateAndResolve(c);

      // 10. The API again, between the resolve and the review.
      long apiAgain = trial.restartApi(0);
      kills.add(
          Kill.at(
              "api",
              "during monitoring",
              "nothing",
              0,
              resumed(
                  apiAgain,
                  () ->
                      trial.status(c).equals("POST_MORTEM")
                          || trial.status(c).equals("MONITORING"))));
      trial.review(c);

      // 11. While a rollback polls its platform: Vercel takes 8 s to make it live.
      fakes.vercel.rollbacks().takes(0, Duration.ofSeconds(8));
      JsonNode rollback =
          http.call(
              "POST",
              "/api/v1/rollbacks",
              "{\"service\":\"shop\",\"reason\":\"crash trial\"}",
              202,
              "crash-trial-1");
      String rollbackId = rollback.get("id").asText();
      await(Duration.ofSeconds(30))
          .until(
              () ->
                  http.call("GET", "/api/v1/rollbacks/" + rollbackId, null, 200)
                      .get("status")
                      .asText(),
              "WAITING_FOR_LIVE"::equals);
      killWorkerDuring(
          rollback.get("workflowId").asText(),
          "while a rollback polled Vercel",
          "the wait until live (heartbeating)",
          () ->
              http.call("GET", "/api/v1/rollbacks/" + rollbackId, null, 200)
                  .get("status")
                  .asText()
                  .equals("SUCCEEDED"),
          kills);
      others.put("rollbacks succeeded", 1);
      others.put("rollbacks started at Vercel", fakes.vercel.rollbacksStarted().size());

      // 12. While a maintenance window waits for a person to confirm its manual step; the confirm
      // after the restart.
      Instant start = Instant.now().plusSeconds(2);
      String window =
          http.call(
                  "POST",
                  "/api/v1/maintenance-windows",
                  "{\"title\":\"Crash trial window\","
                      + "\"services\":[\"shop\"],\"start\":\""
                      + start
                      + "\",\"end\":\""
                      + start.plusSeconds(600)
                      + "\","
                      + "\"steps\":[{\"name\":\"swap-db\",\"manual\":\"promote the replica\"}],\"confirm\":true}",
                  201)
              .get("id")
              .asText();
      await(Duration.ofSeconds(60))
          .until(
              () ->
                  windowView(http, window)
                      .get("timeline")
                      .toString()
                      .contains("for a person to confirm: swap-db"));
      String waiting = windowView(http, window).get("status").asText();
      restart = trial.restartWorker(worker, "maintenance-" + window);
      http.call(
          "POST",
          "/api/v1/maintenance-windows/" + window + "/confirm",
          "{\"step\":\"swap-db\"}",
          200);
      kills.add(
          Kill.at(
              "worker",
              "while a window waited for a manual step",
              "the wait for a confirmation",
              restart.inFlight(),
              resumed(
                  restart.startedAt(),
                  () -> !windowView(http, window).get("status").asText().equals(waiting))));
      await(Duration.ofSeconds(60))
          .until(() -> windowView(http, window).get("status").asText(), "COMPLETED"::equals);
      others.put("windows completed", 1);

      // 13. A last declare, killed at once, through its whole life.
      String d = trial.declare("Crash trial: a second kill right after a declare");
      incidents.add(d);
      killWorkerDuring(
          "incident-" + d,
          "right after a declare",
          "the declaration's first workflow task",
          declared(d),
          kills);
      trial.ackUpdateAndResolve(d);
      trial.review(d);
    } finally {
      writeReport(kills, incidents, others);
    }

    Map<String, Integer> counts = trial.counts(incidents);
    assertThat(kills).filteredOn(kill -> kill.killed().equals("worker")).hasSize(10);
    assertThat(kills)
        .as("every interrupted step resumed within 15 s")
        .allSatisfy(kill -> assertThat(kill.inTime()).isTrue());
    assertThat(counts).containsEntry("incidents completed", incidents.size());
    ProcessTrial.assertEachOnce(counts, incidents.size());
    assertThat(others)
        .containsEntry("rollbacks started at Vercel", 1)
        .containsEntry("windows completed", 1);
  }

  /**
   * {@code kill -9} the worker while {@code inFlight} of the workflow is under way, and start it
   * again. The step resumes when the first provider call after the restart reaches a fake (for a
   * call the dead worker was running, its retry), or when it is found done, which is held to the
   * target; it is done when {@code done} holds, which the report shows beside it.
   */
  static Restart killWorkerDuring(
      String workflowId, String moment, String inFlight, Callable<Boolean> done, List<Kill> kills) {
    AtomicInteger calls = new AtomicInteger();
    Restart restart = trial.restartWorker(worker, workflowId, () -> calls.set(fakes.calls()));
    // A step whose calls all got through before the kill has nothing left to resume: it is done.
    Duration resumed =
        resumed(restart.startedAt(), () -> fakes.calls() > calls.get() || done.call());
    kills.add(
        new Kill(
            "worker",
            moment,
            inFlight,
            restart.inFlight(),
            resumed,
            resumed(restart.startedAt(), done)));
    return restart;
  }

  /**
   * The declaration is done: the incident message, the announcement, the public incident, the first
   * page.
   */
  static Callable<Boolean> declared(String id) {
    return () ->
        fakes.incidentMessages(id).size() == 1
            && fakes.announcements(id).size() == 1
            && fakes.statuspageIncidents(id).size() == 1
            && fakes.triggersByLevel(id).getOrDefault("primary", 0L) >= 1;
  }

  static JsonNode windowView(DevApi http, String window) throws Exception {
    return http.call("GET", "/api/v1/maintenance-windows/" + window, null, 200);
  }

  /**
   * Writes and prints the report, even for a trial that failed half-way (then without the counts if
   * they fail too).
   */
  static void writeReport(List<Kill> kills, List<String> incidents, Map<String, Integer> others)
      throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    try {
      counts.putAll(trial.counts(incidents));
    } catch (Exception | AssertionError e) {
      System.err.println("the crash trial's counts could not be read: " + e);
    }
    counts.putAll(others);
    String report = CrashTrialReport.render(kills, counts);
    Files.writeString(Path.of("target", "crash-trial-report.md"), report);
    System.out.println(report);
  }
}
