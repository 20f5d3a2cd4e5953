package dev.firebreak.worker;

import static dev.firebreak.worker.ProcessTrial.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two workers and two APIs, each its own OS process, against one dev server, as a team scales
 * Firebreak out. Slack is held to its real limit of one message per second per channel: each worker
 * paces its own posts, so two workers posting to #incidents at once meet Slack's HTTP 429, which
 * must cost time, never a message. The processes' output is in {@code target/two-of-each/}.
 */
class TwoWorkersAndTwoApisOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.started();

  static final int DECLARES_PER_API = 5;

  static ProcessTrial trial;

  @BeforeAll
  static void startTwoOfEach() throws Exception {
    if (temporal.server() != null) { // without a CLI the extension reports every test skipped
      trial = new ProcessTrial(temporal, Path.of("target", "two-of-each"), 2, 2);
      trial.fakes.slack.limitRate("chat.postMessage", 1, Duration.ofSeconds(1));
    }
  }

  @AfterAll
  static void stopEverything() {
    if (trial != null) {
      trial.close();
    }
  }

  @Test
  void
      incidentsDeclaredThroughTwoApisAtOnceGetUniqueIdsAndAreAnnouncedAndPagedOnceDespiteSlacksLimit()
          throws Exception {
    TrialFakes fakes = trial.fakes;
    List<String> ids = new ArrayList<>();
    ExecutorService declarers = Executors.newFixedThreadPool(2 * DECLARES_PER_API);
    try {
      List<Future<String>> declared = new ArrayList<>();
      for (int i = 0; i < DECLARES_PER_API; i++) {
        for (DevApi api : trial.http) {
          String title = "Two of each: declare " + declared.size();
          declared.add(declarers.submit(() -> ProcessTrial.declare(api, title)));
        }
      }
      for (Future<String> id : declared) {
        ids.add(id.get());
      }
    } finally {
      declarers.shutdownNow();
    }
    assertThat(ids)
        .as("every declare got its own incident")
        .doesNotHaveDuplicates()
        .hasSize(2 * DECLARES_PER_API);

    await(Duration.ofSeconds(90))
        .until(
            () ->
                ids.stream()
                    .allMatch(
                        id ->
                            fakes.incidentMessages(id).size() == 1
                                && fakes.announcements(id).size() == 1
                                && fakes.triggersByLevel(id).containsKey("primary")));
    // Acknowledged through the other API than the one that declared, so nobody is paged further.
    for (int i = 0; i < ids.size(); i++) {
      trial
          .http
          .get((i + 1) % 2)
          .call("POST", "/api/v1/incidents/" + ids.get(i) + "/ack", "{\"by\":\"alice\"}", 200);
    }
    await(Duration.ofSeconds(60))
        .until(
            () -> ids.stream().allMatch(id -> fakes.pagerDutyActions(id).contains("acknowledge")));

    Map<String, Integer> counts = trial.counts(ids);
    System.out.printf(
        "Two workers, two APIs: %s; Slack answered %d chat.postMessage calls with HTTP 429%n",
        counts, fakes.slack.rateLimitedCalls("chat.postMessage"));
    ProcessTrial.assertEachOnce(counts, ids.size());
    assertThat(fakes.slack.rateLimitedCalls("chat.postMessage"))
        .as("two workers, each pacing its own posts, met Slack's limit (and lost nothing to it)")
        .isPositive();
    assertThat(trial.workers)
        .as("both workers still run")
        .allSatisfy(worker -> assertThat(worker.isAlive()).isTrue());
  }
}
