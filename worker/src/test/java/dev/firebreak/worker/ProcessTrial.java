package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import java.util.stream.StreamSupport;
import org.awaitility.core.ConditionFactory;

/**
 * Firebreak's production layout for a trial on the Temporal CLI's dev server: workers and APIs as
 * OS processes ({@link FirebreakOsProcess}) with live provider clients pointed at {@link
 * TrialFakes}, a config with short timers, and what a trial does to them (declare, read, {@code
 * kill -9} and restart). The processes' output is kept in the directory given.
 */
final class ProcessTrial implements AutoCloseable {

  /** Long enough for a trial to kill the worker inside it on a loaded machine. */
  static final Duration MONITORING = Duration.ofSeconds(8);

  final TrialFakes fakes = new TrialFakes();
  final List<FirebreakOsProcess> workers = new ArrayList<>();
  final List<FirebreakOsProcess> apis = new ArrayList<>();
  final List<DevApi> http = new ArrayList<>();
  final WorkflowClient client;

  /**
   * Starts {@code workers} workers and {@code apis} APIs and returns once every one of them serves.
   */
  ProcessTrial(TemporalCliServer temporal, Path output, int workers, int apis) throws IOException {
    this(temporal, output, workers, apis, ProcessTrial::config);
  }

  /** As above, with the config {@code config} writes for the fakes' health endpoint's URL. */
  ProcessTrial(
      TemporalCliServer temporal, Path output, int workers, int apis, UnaryOperator<String> config)
      throws IOException {
    Files.createDirectories(output);
    Path configFile = output.resolve("firebreak.yaml");
    Files.writeString(configFile, config.apply(fakes.health.url()));
    Map<String, String> env = new HashMap<>(fakes.env());
    env.putAll(
        Map.of(
            "TEMPORAL_ADDRESS",
            temporal.server().target(),
            "FIREBREAK_TEST_TOKEN",
            DevMode.DEFAULT_DEV_TOKEN,
            "FIREBREAK_SEARCH_ATTRIBUTES",
            "true"));
    String configArg = configFile.toAbsolutePath().toString();
    for (int i = 0; i < workers; i++) {
      this.workers.add(
          new FirebreakOsProcess(
              "worker",
              List.of("--config", configArg, "--port", String.valueOf(FreePort.next())),
              env,
              output.resolve(workers == 1 ? "worker.log" : "worker-" + i + ".log")));
    }
    for (int i = 0; i < apis; i++) {
      int port = FreePort.next();
      this.apis.add(
          new FirebreakOsProcess(
              "api",
              List.of("--config", configArg, "--port", String.valueOf(port)),
              env,
              output.resolve(apis == 1 ? "api.log" : "api-" + i + ".log")));
      http.add(new DevApi("http://127.0.0.1:" + port));
    }
    this.workers.forEach(FirebreakOsProcess::start);
    this.apis.forEach(FirebreakOsProcess::start);
    client = temporal.newClient();
    this.workers.forEach(worker -> awaitWorkerPolling(worker, 1));
    for (int i = 0; i < apis; i++) {
      awaitApiServing(i);
    }
  }

  /**
   * Short timers, so an incident's whole life fits in seconds; two escalation levels, both on
   * PagerDuty; a Vercel service to roll back; a window template whose manual steps wait 2 minutes.
   */
  static String config(String healthUrl) {
    return """
        organisation: Process trial
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
          vercel:
            token: ${VERCEL_TOKEN}
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
            platform: vercel
            platformId: %s
            rollback: { pollInterval: PT0.5S, liveTimeout: 2m, healthChecks: 1, healthInterval: 1s }
        maintenance:
          windows:
            - name: shop-changes
              services: [shop]
              duration: 1h
              announce: { offsets: [1h] }
              monitoringPeriod: 2s
              monitoringInterval: 1s
              manualStepTimeout: 2m
        """
        .formatted(
            TrialFakes.PAGE_ID,
            MONITORING.toSeconds(),
            healthUrl,
            TrialFakes.COMPONENT,
            TrialFakes.VERCEL_PROJECT);
  }

  // --- Driving -------------------------------------------------------------------------------

  DevApi api() {
    return http.get(0);
  }

  String declare(String title) throws Exception {
    return declare(api(), title);
  }

  static String declare(DevApi api, String title) throws Exception {
    return api.call(
            "POST",
            "/api/v1/incidents",
            "{\"title\":\"" + title + "\",\"severity\":\"P1\",\"service\":\"shop\"}",
            201)
        .get("id")
        .asText();
  }

  JsonNode incident(String id) throws Exception {
    return api().call("GET", "/api/v1/incidents/" + id, null, 200);
  }

  String status(String id) throws Exception {
    return incident(id).get("status").asText();
  }

  List<String> timelineKinds(String id) throws Exception {
    return StreamSupport.stream(incident(id).get("timeline").spliterator(), false)
        .map(entry -> entry.get("kind").asText())
        .toList();
  }

  /** Acknowledges, posts an update and resolves: the incident goes on to monitoring. */
  void ackUpdateAndResolve(String id) throws Exception {
    api().call("POST", "/api/v1/incidents/" + id + "/ack", "{\"by\":\"alice\"}", 200);
    updateAndResolve(id);
  }

  /** Posts an update and resolves an acknowledged incident. */
  void updateAndResolve(String id) throws Exception {
    api()
        .call(
            "POST",
            "/api/v1/incidents/" + id + "/updates",
            "{\"by\":\"alice\",\"text\":\"Rolling back\"}",
            200);
    api()
        .call(
            "POST",
            "/api/v1/incidents/" + id + "/resolve",
            "{\"by\":\"alice\",\"summary\":\"Rolled back\"}",
            200);
  }

  /**
   * Reviews the post-mortem once monitoring has passed, and waits until the workflow has completed.
   */
  void review(String id) throws Exception {
    await(Duration.ofSeconds(60)).ignoreExceptions().until(() -> status(id), "POST_MORTEM"::equals);
    api().call("POST", "/api/v1/incidents/" + id + "/postmortem/review", "{\"by\":\"bob\"}", 200);
    awaitCompleted("incident-" + id);
  }

  // --- Processes -----------------------------------------------------------------------------

  /**
   * A restart after {@code kill -9}.
   *
   * @param startedAt when the new process was started (nanoTime)
   * @param inFlight the workflow's activity attempts the dead worker was running: between the kill
   *     and the restart the server still lists them as started
   */
  record Restart(long startedAt, int inFlight) {}

  /**
   * {@code kill -9} the worker and start it again; {@code workflowId} is the one whose calls are
   * counted.
   */
  Restart restartWorker(FirebreakOsProcess worker, String workflowId) {
    return restartWorker(worker, workflowId, () -> {});
  }

  /**
   * As above, running {@code whileDown} between the kill and the start (to read the fakes then).
   */
  Restart restartWorker(FirebreakOsProcess worker, String workflowId, Runnable whileDown) {
    int starts = countOf(worker.output(), "==== start ");
    worker.kill();
    whileDown.run();
    int inFlight = startedActivities(workflowId);
    long startedAt = System.nanoTime();
    worker.start();
    awaitWorkerPolling(worker, starts + 1);
    return new Restart(startedAt, inFlight);
  }

  /**
   * {@code kill -9} the API and start it again; returns when the new process was started
   * (nanoTime).
   */
  long restartApi(int index) {
    apis.get(index).kill();
    long startedAt = System.nanoTime();
    apis.get(index).start();
    awaitApiServing(index);
    return startedAt;
  }

  /** How long after {@code since} (nanoTime) the condition first held. */
  static Duration resumed(long since, Callable<Boolean> done) {
    await(Duration.ofSeconds(60)).ignoreExceptions().until(done);
    return Duration.ofNanos(System.nanoTime() - since);
  }

  /**
   * The workflow's activity attempts running on a worker right now (not those waiting to be
   * retried).
   */
  int startedActivities(String workflowId) {
    return (int)
        describe(workflowId).getPendingActivitiesList().stream()
            .filter(
                activity ->
                    activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED)
            .count();
  }

  /** Waits until the workflow has completed: none of its calls can still reach a fake. */
  void awaitCompleted(String workflowId) {
    await(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () ->
                describe(workflowId).getWorkflowExecutionInfo().getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  DescribeWorkflowExecutionResponse describe(String workflowId) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(CliTemporal.NAMESPACE)
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build());
  }

  /** Waits until the worker's log says it polls, for the {@code starts}-th time. */
  static void awaitWorkerPolling(FirebreakOsProcess worker, int starts) {
    await(Duration.ofSeconds(60))
        .until(
            () -> {
              assertThat(worker.isAlive())
                  .as("the worker is running; its log ends: %s", tail(worker))
                  .isTrue();
              return countOf(worker.output(), "Worker polling task queue") >= starts;
            });
  }

  void awaitApiServing(int index) {
    await(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(apis.get(index).isAlive())
                  .as("the API is running; its log ends: %s", tail(apis.get(index)))
                  .isTrue();
              return http.get(index).call("GET", "/api/v1/services", null, 200) != null;
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

  static ConditionFactory await(Duration atMost) {
    return org.awaitility.Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(250));
  }

  // --- Counting ------------------------------------------------------------------------------

  /**
   * What the fakes hold for these incidents, counted the way a duplicate or a lost step would show.
   */
  Map<String, Integer> counts(List<String> incidents) throws Exception {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("incidents", incidents.size());
    counts.put("incidents completed", incidentsCompleted(incidents));
    counts.put(
        "incident messages",
        incidents.stream().mapToInt(id -> fakes.incidentMessages(id).size()).sum());
    counts.put(
        "room announcements",
        incidents.stream().mapToInt(id -> fakes.announcements(id).size()).sum());
    counts.put("duplicated Slack messages", fakes.duplicatedSlackKeys().size());
    counts.put(
        "PagerDuty alerts",
        (int)
            fakes.pagerDuty.alerts().stream()
                .filter(alert -> incidents.contains(alert.dedupKey()))
                .count());
    counts.put(
        "levels paged", incidents.stream().mapToInt(id -> fakes.triggersByLevel(id).size()).sum());
    counts.put(
        "levels paged more than once",
        (int)
            incidents.stream()
                .flatMap(id -> fakes.triggersByLevel(id).values().stream())
                .filter(triggers -> triggers > 1)
                .count());
    counts.put(
        "public incidents",
        incidents.stream().mapToInt(id -> fakes.statuspageIncidents(id).size()).sum());
    counts.put(
        "duplicated status-page updates",
        incidents.stream()
            .flatMap(id -> fakes.statuspageIncidents(id).stream())
            .mapToInt(TrialFakes::duplicatedUpdates)
            .sum());
    return counts;
  }

  /** Each incident announced, paged and published exactly once: nothing lost, nothing repeated. */
  static void assertEachOnce(Map<String, Integer> counts, int incidents) {
    assertThat(counts)
        .containsEntry("incident messages", incidents)
        .containsEntry("room announcements", incidents)
        .containsEntry("duplicated Slack messages", 0)
        .containsEntry("PagerDuty alerts", incidents)
        .containsEntry("levels paged more than once", 0)
        .containsEntry("public incidents", incidents)
        .containsEntry("duplicated status-page updates", 0);
  }

  /**
   * Incidents closed through their whole life: acknowledged, updated, resolved, monitored,
   * reviewed.
   */
  int incidentsCompleted(List<String> incidents) throws Exception {
    int completed = 0;
    for (String id : incidents) {
      if (status(id).equals("CLOSED")
          && timelineKinds(id)
              .containsAll(List.of("acknowledged", "update", "resolved", "monitoring-passed"))) {
        completed++;
      }
    }
    return completed;
  }

  @Override
  public void close() {
    if (client != null) {
      client.getWorkflowServiceStubs().shutdownNow();
    }
    workers.forEach(FirebreakOsProcess::close);
    apis.forEach(FirebreakOsProcess::close);
    fakes.close();
  }
}
