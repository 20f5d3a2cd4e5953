package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.activities.fakes.FakeHealthEndpoint;
import dev.firebreak.activities.fakes.FakePagerDuty;
import dev.firebreak.activities.fakes.FakeServer;
import dev.firebreak.activities.fakes.FakeSlack;
import dev.firebreak.activities.fakes.FakeSlackMessage;
import dev.firebreak.activities.fakes.FakeStatuspageApi;
import dev.firebreak.activities.fakes.FakeSlackFault;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.PendingWorkflowTaskState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The production layout on a real Temporal: {@code ./firebreak worker} and {@code ./firebreak api}
 * as two OS processes against the Temporal CLI's dev server, live Slack, PagerDuty and Statuspage
 * clients pointed at the project's fakes in this JVM, a config with short timers written here.
 * Every verdict is counted at the fakes, which is where a duplicate or a lost step would show.
 * The processes' output is kept in {@code target/separate-processes/}.
 */
class SeparateProcessesOnTemporalCliTest {

  @RegisterExtension
  static final TemporalCliServer temporal = TemporalCliServer.started();

  static final ObjectMapper JSON = new ObjectMapper();
  static final Path OUTPUT = Path.of("target", "separate-processes");
  static final String ROUTING_KEY = "R0UTINGKEY0000000000000000000000";
  static final String STATUSPAGE_KEY = "statuspage-key";
  static final String PAGE_ID = "page0test01";
  static final String COMPONENT = "cmp0shop001";
  /** Long enough for the trial to kill the worker inside it on a loaded machine. */
  static final Duration MONITORING = Duration.ofSeconds(8);

  static FakeSlack slack;
  static FakePagerDuty pagerDuty;
  static FakeStatuspageApi statuspage;
  static FakeHealthEndpoint health;
  static FirebreakOsProcess worker;
  static FirebreakOsProcess api;
  static DevApi http;
  static WorkflowClient client;

  @BeforeAll
  static void startWorkerAndApi() throws Exception {
    if (temporal.server() == null) {
      return; // no CLI: the extension reports every test skipped
    }
    slack = new FakeSlack();
    pagerDuty = new FakePagerDuty(ROUTING_KEY);
    statuspage = new FakeStatuspageApi(STATUSPAGE_KEY, PAGE_ID).component(COMPONENT);
    health = new FakeHealthEndpoint().healthy();
    Files.createDirectories(OUTPUT);
    Path config = OUTPUT.resolve("firebreak.yaml");
    Files.writeString(config, config(health.url()));
    Map<String, String> env = Map.of(
        "TEMPORAL_ADDRESS", temporal.server().target(),
        "FIREBREAK_TEST_TOKEN", DevMode.DEFAULT_DEV_TOKEN,
        "FIREBREAK_SEARCH_ATTRIBUTES", "true",
        "SLACK_BOT_TOKEN", slack.token(),
        "SLACK_API_URL", slack.apiUrlPrefix(),
        "PAGERDUTY_ROUTING_KEY", ROUTING_KEY,
        "PAGERDUTY_API_URL", pagerDuty.baseUrl(),
        "STATUSPAGE_API_KEY", STATUSPAGE_KEY,
        "STATUSPAGE_API_URL", statuspage.baseUrl());
    int apiPort = FreePort.next();
    String configArg = config.toAbsolutePath().toString();
    worker = new FirebreakOsProcess("worker", List.of("--config", configArg, "--port", String.valueOf(FreePort.next())),
        env, OUTPUT.resolve("worker.log"));
    api = new FirebreakOsProcess("api", List.of("--config", configArg, "--port", String.valueOf(apiPort)),
        env, OUTPUT.resolve("api.log"));
    worker.start();
    api.start();
    http = new DevApi("http://127.0.0.1:" + apiPort);
    client = temporal.newClient();
    awaitWorkerPolling(1);
    awaitApiServing();
  }

  @AfterAll
  static void stopEverything() {
    if (client != null) {
      client.getWorkflowServiceStubs().shutdownNow();
    }
    for (AutoCloseable closeable : new AutoCloseable[] {worker, api, slack, pagerDuty, statuspage, health}) {
      try {
        if (closeable != null) {
          closeable.close();
        }
      } catch (Exception e) {
        System.err.println("could not close " + closeable + ": " + e);
      }
    }
  }

  /** Short timers, so an incident's whole life fits in seconds; two escalation levels, both on PagerDuty. */
  static String config(String healthUrl) {
    return """
        organisation: Separate processes
        api:
          tokens:
            - { name: test, token: "${FIREBREAK_TEST_TOKEN}", roles: [admin] }
        providers:
          slack:
            botToken: ${SLACK_BOT_TOKEN}
            channel: "#incidents"
          pagerduty:
            routingKey: ${PAGERDUTY_ROUTING_KEY}
          statuspage:
            apiKey: ${STATUSPAGE_API_KEY}
            pageId: %s
        severities:
          P1:
            ackTimeout: 10s
            updateInterval: 45s
            postMortemDue: 1h
            page: true
            statusPageImpact: major
        escalation:
          rounds: 1
          levels:
            - { name: primary, targets: ["pagerduty:primary"] }
            - { name: secondary, targets: ["pagerduty:secondary"] }
        incident:
          # One health check, at the end of the period: the worker is idle while it runs, so a kill
          # during monitoring interrupts the wait, not a check (a check in flight would wait out its
          # one-minute start-to-close timeout, which the trial would then measure).
          monitoringPeriod: %ds
          monitoringCheckInterval: 1h
        services:
          - name: shop
            healthUrl: %s
            statusPageComponent: %s
        """.formatted(PAGE_ID, MONITORING.toSeconds(), healthUrl, COMPONENT);
  }

  @Test
  void anIncidentRunsItsWholeLifeWithWorkerAndApiInSeparateProcesses() throws Exception {
    String id = declare("Checkout returns 500");

    await(Duration.ofSeconds(20)).until(() -> incidentMessages(id), messages -> messages.size() == 1);
    await(Duration.ofSeconds(20)).until(() -> statuspageIncidents(id), incidents -> incidents.size() == 1);
    // The ack timeout is 10 s: nobody acknowledges, so the second level is paged.
    await(Duration.ofSeconds(40)).until(() -> triggersByLevel(id).getOrDefault("secondary", 0L) >= 1);
    http.call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\":\"alice\"}", 200);
    await(Duration.ofSeconds(20)).until(() -> pagerDutyActions(id).contains("acknowledge"));
    http.call("POST", "/api/v1/incidents/" + id + "/updates",
        "{\"by\":\"alice\",\"text\":\"Webhook secret mismatch\",\"eta\":\"10 min\"}", 200);
    await(Duration.ofSeconds(20)).until(() -> statuspageIncidents(id).get(0).updates().size() >= 2);
    assertThat(http.call("POST", "/api/v1/incidents/" + id + "/resolve",
        "{\"by\":\"alice\",\"summary\":\"Secret rotated\",\"rootCause\":\"Rotated in Stripe only\"}", 200)
        .get("status").asText()).isEqualTo("MONITORING");
    await(Duration.ofSeconds(40)).until(() -> status(id), "POST_MORTEM"::equals);
    assertThat(http.call("POST", "/api/v1/incidents/" + id + "/postmortem/review", "{\"by\":\"bob\"}", 200)
        .get("status").asText()).isEqualTo("CLOSED");
    awaitCompleted(id);

    assertThat(timelineKinds(id)).contains("paged", "acknowledged", "update", "resolved", "monitoring-passed");
    assertThat(incidentsCompleted(List.of(id))).isEqualTo(1);
    assertThat(incidentMessages(id)).as("one incident message").hasSize(1);
    assertThat(announcements(id)).as("one announcement in #incidents").hasSize(1);
    assertThat(duplicatedSlackKeys()).as("no Slack message posted twice").isEmpty();
    assertThat(triggersByLevel(id)).as("each level paged once").isEqualTo(Map.of("primary", 1L, "secondary", 1L));
    assertThat(pagerDutyActions(id)).as("PagerDuty: triggers, then acknowledge, then resolve")
        .containsExactly("trigger", "trigger", "acknowledge", "resolve");
    assertThat(pagerDuty.alerts()).filteredOn(alert -> alert.dedupKey().equals(id)).singleElement()
        .satisfies(alert -> assertThat(alert.status()).isEqualTo("resolved"));
    FakeStatuspageApi.Incident publicIncident = statuspageIncidents(id).get(0);
    assertThat(publicIncident.status()).isEqualTo("resolved");
    assertThat(duplicatedUpdates(publicIncident)).as("no status-page update posted twice").isZero();
  }

  /**
   * One interruption of the crash trial: what was killed with {@code kill -9} and when, how many of the
   * incident's activity attempts were running on the killed worker, and how long after the restart
   * the interrupted step was seen done at the fakes.
   */
  record Trial(String killed, String moment, int callsInFlight, boolean workflowTaskInFlight,
      Duration resumedAfterRestart) {

    /** An attempt running on a dead worker is retried only when its start-to-close timeout runs out. */
    static final Duration IN_FLIGHT_TIMEOUT = Duration.ofSeconds(20);
    static final Duration TARGET = Duration.ofSeconds(15);

    /** 15 s after the restart; for a call in flight at the kill, 15 s after its attempt timed out. */
    Duration bound() {
      return callsInFlight == 0 ? TARGET : TARGET.plus(IN_FLIGHT_TIMEOUT);
    }

    boolean inTime() {
      return resumedAfterRestart.compareTo(bound()) <= 0;
    }
  }

  @Test
  void killedWorkersAndAKilledApiLoseNoStepAndRepeatNoMessagePageOrStatusUpdate() throws Exception {
    List<Trial> trials = new ArrayList<>();
    List<String> incidents = new ArrayList<>();
    try {
      // 1. Right after a declare: the API has started the incident, the worker has barely seen it.
      String a = declare("Crash trial: killed right after the declare");
      incidents.add(a);
      Restart restart = restartWorker(a);
      trials.add(new Trial("worker", "right after a declare", restart.inFlight(), restart.workflowTaskInFlight(),
          resumed(restart.startedAt(), () -> incidentMessages(a).size() == 1 && announcements(a).size() == 1
              && statuspageIncidents(a).size() == 1
              && triggersByLevel(a).getOrDefault("primary", 0L) >= 1)));

      // 2. During monitoring, once the resolve's own calls are done.
      http.call("POST", "/api/v1/incidents/" + a + "/ack", "{\"by\":\"alice\"}", 200);
      http.call("POST", "/api/v1/incidents/" + a + "/updates", "{\"by\":\"alice\",\"text\":\"Rolling back\"}", 200);
      http.call("POST", "/api/v1/incidents/" + a + "/resolve", "{\"by\":\"alice\",\"summary\":\"Rolled back\"}", 200);
      long monitoringEnds = System.nanoTime() + MONITORING.toNanos();
      await(Duration.ofSeconds(30)).until(() -> pagerDutyActions(a).contains("resolve") && startedActivities(a) == 0);
      assertThat(status(a)).as("still monitoring when the worker is killed").isEqualTo("MONITORING");
      restart = restartWorker(a);
      // The interrupted step is the end of the period: it falls due then, or at the restart if later.
      trials.add(new Trial("worker", "during monitoring", restart.inFlight(), restart.workflowTaskInFlight(),
          resumed(Math.max(restart.startedAt(), monitoringEnds), () -> status(a).equals("POST_MORTEM"))));
      http.call("POST", "/api/v1/incidents/" + a + "/postmortem/review", "{\"by\":\"bob\"}", 200);
      awaitCompleted(a);

      // 3. (Every earlier incident's workflow has completed, so the fault meets this incident's post.)
      // While Slack holds the incident message's post open: carried out, the answer not yet sent
      // (the hold stays inside the client's 10 s timeout). The attempt dies with the worker, and its
      // retry must find the message instead of posting it again.
      slack.failNext("chat.postMessage", 1, FakeSlackFault.slow(Duration.ofMillis(9_500)));
      String b = declare("Crash trial: killed during a held Slack call");
      incidents.add(b);
      await(Duration.ofSeconds(20)).until(() -> incidentMessages(b).size() == 1);
      restart = restartWorker(b);
      assertThat(restart.inFlight()).as("the held post was running on the worker when it was killed").isEqualTo(1);
      trials.add(new Trial("worker", "while Slack held a post open", restart.inFlight(), restart.workflowTaskInFlight(),
          resumed(restart.startedAt(), () -> announcements(b).size() == 1)));

      // 4. The API, then a command through the restarted one.
      api.kill();
      long apiStarted = System.nanoTime();
      api.start();
      awaitApiServing();
      http.call("POST", "/api/v1/incidents/" + b + "/ack", "{\"by\":\"alice\"}", 200);
      trials.add(new Trial("api", "between commands", 0, false,
          resumed(apiStarted, () -> pagerDutyActions(b).contains("acknowledge"))));
      http.call("POST", "/api/v1/incidents/" + b + "/updates", "{\"by\":\"alice\",\"text\":\"Restarted the queue\"}", 200);
      http.call("POST", "/api/v1/incidents/" + b + "/resolve", "{\"by\":\"alice\",\"summary\":\"Queue drained\"}", 200);
      await(Duration.ofSeconds(40)).until(() -> status(b), "POST_MORTEM"::equals);
      http.call("POST", "/api/v1/incidents/" + b + "/postmortem/review", "{\"by\":\"bob\"}", 200);
    } finally {
      writeReport(trials, incidents);
    }

    Map<String, Integer> counts = counts(incidents);
    assertThat(trials).as("every interrupted step resumed in time").allSatisfy(trial -> assertThat(trial.inTime()).isTrue());
    assertThat(counts).containsEntry("incidents completed", incidents.size())
        .containsEntry("incident messages", incidents.size())
        .containsEntry("room announcements", incidents.size())
        .containsEntry("duplicated Slack messages", 0)
        .containsEntry("PagerDuty alerts", incidents.size())
        .containsEntry("levels paged more than once", 0)
        .containsEntry("public incidents", incidents.size())
        .containsEntry("duplicated status-page updates", 0);
  }

  /** Writes and prints the report, even for a trial that failed half-way (then without the counts if they fail too). */
  static void writeReport(List<Trial> trials, List<String> incidents) throws IOException {
    Map<String, Integer> counts;
    try {
      counts = counts(incidents);
    } catch (Exception | AssertionError e) {
      System.err.println("the crash trial's counts could not be read: " + e);
      counts = Map.of();
    }
    String report = CrashTrialReport.render(trials, counts);
    Files.writeString(Path.of("target", "crash-trial-report.md"), report);
    System.out.println(report);
  }

  /** What the fakes hold for these incidents, counted the way a duplicate or a lost step would show. */
  static Map<String, Integer> counts(List<String> incidents) throws Exception {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("incidents", incidents.size());
    counts.put("incidents completed", incidentsCompleted(incidents));
    counts.put("incident messages", incidents.stream().mapToInt(id -> incidentMessages(id).size()).sum());
    counts.put("room announcements", incidents.stream().mapToInt(id -> announcements(id).size()).sum());
    counts.put("duplicated Slack messages", duplicatedSlackKeys().size());
    counts.put("PagerDuty alerts",
        (int) pagerDuty.alerts().stream().filter(alert -> incidents.contains(alert.dedupKey())).count());
    counts.put("levels paged", incidents.stream().mapToInt(id -> triggersByLevel(id).size()).sum());
    counts.put("levels paged more than once", (int) incidents.stream()
        .flatMap(id -> triggersByLevel(id).values().stream()).filter(triggers -> triggers > 1).count());
    counts.put("public incidents", incidents.stream().mapToInt(id -> statuspageIncidents(id).size()).sum());
    counts.put("duplicated status-page updates", incidents.stream()
        .flatMap(id -> statuspageIncidents(id).stream())
        .mapToInt(SeparateProcessesOnTemporalCliTest::duplicatedUpdates).sum());
    return counts;
  }

  /** Incidents closed through their whole life: acknowledged, updated, resolved, monitored, reviewed. */
  static int incidentsCompleted(List<String> incidents) throws Exception {
    int completed = 0;
    for (String id : incidents) {
      if (status(id).equals("CLOSED")
          && timelineKinds(id).containsAll(List.of("acknowledged", "update", "resolved", "monitoring-passed"))) {
        completed++;
      }
    }
    return completed;
  }

  /**
   * A restart after {@code kill -9}.
   *
   * @param startedAt when the new process was started (nanoTime)
   * @param inFlight the incident's activity attempts the dead worker was running: between the kill and
   *     the restart the server still lists them as started
   * @param workflowTaskInFlight the dead worker had started a workflow task of the incident (retried
   *     when the task's 10 s timeout runs out)
   */
  record Restart(long startedAt, int inFlight, boolean workflowTaskInFlight) {}

  /** {@code kill -9} the worker and start it again. */
  static Restart restartWorker(String incident) {
    int starts = countOf(worker.output(), "==== start ");
    worker.kill();
    DescribeWorkflowExecutionResponse atKill = describe(incident);
    int inFlight = startedActivities(atKill);
    boolean workflowTask = atKill.hasPendingWorkflowTask()
        && atKill.getPendingWorkflowTask().getState() == PendingWorkflowTaskState.PENDING_WORKFLOW_TASK_STATE_STARTED;
    long startedAt = System.nanoTime();
    worker.start();
    awaitWorkerPolling(starts + 1);
    return new Restart(startedAt, inFlight, workflowTask);
  }

  /** How long after {@code restart} (nanoTime), or after the step fell due if later, the condition first held. */
  static Duration resumed(long restart, Callable<Boolean> done) {
    await(Duration.ofSeconds(60)).ignoreExceptions().until(done);
    return Duration.ofNanos(System.nanoTime() - restart);
  }

  /** The incident's activity attempts running on a worker right now (not those waiting to be retried). */
  static int startedActivities(String id) {
    return startedActivities(describe(id));
  }

  static int startedActivities(DescribeWorkflowExecutionResponse workflow) {
    return (int) workflow.getPendingActivitiesList().stream()
        .filter(activity -> activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED).count();
  }

  /** Waits until the incident's workflow has completed: none of its calls can still reach a fake. */
  static void awaitCompleted(String id) {
    await(Duration.ofSeconds(30)).until(() -> describe(id).getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  static DescribeWorkflowExecutionResponse describe(String id) {
    return client.getWorkflowServiceStubs().blockingStub().describeWorkflowExecution(
        DescribeWorkflowExecutionRequest.newBuilder().setNamespace(CliTemporal.NAMESPACE)
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId("incident-" + id)).build());
  }

  // --- Driving and reading -------------------------------------------------------------------

  static ConditionFactory await(Duration atMost) {
    return org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250));
  }

  static String declare(String title) throws Exception {
    return http.call("POST", "/api/v1/incidents",
        "{\"title\":\"" + title + "\",\"severity\":\"P1\",\"service\":\"shop\"}", 201).get("id").asText();
  }

  static String status(String id) throws Exception {
    return http.call("GET", "/api/v1/incidents/" + id, null, 200).get("status").asText();
  }

  static List<String> timelineKinds(String id) throws Exception {
    return StreamSupport.stream(http.call("GET", "/api/v1/incidents/" + id, null, 200).get("timeline").spliterator(), false)
        .map(entry -> entry.get("kind").asText()).toList();
  }

  /** Waits until the worker's log says it polls, for the {@code starts}-th time. */
  static void awaitWorkerPolling(int starts) {
    await(Duration.ofSeconds(60)).until(() -> {
      assertThat(worker.isAlive()).as("the worker is running; its log ends: %s", tail(worker)).isTrue();
      return countOf(worker.output(), "Worker polling task queue") >= starts;
    });
  }

  static void awaitApiServing() {
    await(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
      assertThat(api.isAlive()).as("the API is running; its log ends: %s", tail(api)).isTrue();
      return http.call("GET", "/api/v1/services", null, 200) != null;
    });
  }

  static String tail(FirebreakOsProcess process) {
    String output = process.output();
    return output.substring(Math.max(0, output.length() - 2000));
  }

  static int countOf(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  /** The incident's message (in its room, edited as the incident changes), wherever Slack holds it. */
  static List<FakeSlackMessage> incidentMessages(String id) {
    return slack.everyMessage().stream().filter(message -> (id + "/incident-message").equals(message.metadataValue("key")))
        .toList();
  }

  /** The incident's top-level messages in #incidents: the announcement of its room. */
  static List<FakeSlackMessage> announcements(String id) {
    return slack.messages(FakeSlack.DEFAULT_CHANNEL_NAME).stream()
        .filter(message -> !message.isReply() && id.equals(message.metadataValue("incident_id"))).toList();
  }

  /** Every message key Slack holds more than once: a post a retry or a restart repeated. */
  static List<String> duplicatedSlackKeys() {
    return slack.everyMessage().stream().map(message -> message.metadataValue("key")).filter(Objects::nonNull)
        .collect(Collectors.groupingBy(key -> key, Collectors.counting()))
        .entrySet().stream().filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
  }

  static List<JsonNode> pagerDutyEvents(String id) {
    return pagerDuty.requests().stream().map(request -> {
      try {
        return JSON.readTree(FakeServer.bodyOf(request));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).filter(event -> id.equals(event.path("dedup_key").asText())).toList();
  }

  static List<String> pagerDutyActions(String id) {
    return pagerDutyEvents(id).stream().map(event -> event.path("event_action").asText()).toList();
  }

  /** Trigger events that reached PagerDuty, by escalation level. */
  static Map<String, Long> triggersByLevel(String id) {
    return pagerDutyEvents(id).stream().filter(event -> event.path("event_action").asText().equals("trigger"))
        .collect(Collectors.groupingBy(
            event -> event.path("payload").path("custom_details").path("escalation_level").asText(),
            Collectors.counting()));
  }

  static List<FakeStatuspageApi.Incident> statuspageIncidents(String id) {
    return statuspage.incidents().stream().filter(incident -> incident.name().contains(id)
        || incident.metadata().toString().contains(id)).toList();
  }

  /** Public updates that repeat the one before them word for word. */
  static int duplicatedUpdates(FakeStatuspageApi.Incident incident) {
    int duplicates = 0;
    for (int i = 1; i < incident.updates().size(); i++) {
      if (incident.updates().get(i).equals(incident.updates().get(i - 1))) {
        duplicates++;
      }
    }
    return duplicates;
  }
}
