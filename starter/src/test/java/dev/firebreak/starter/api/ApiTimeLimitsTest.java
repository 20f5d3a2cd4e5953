package dev.firebreak.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.IncidentPolicyFactory;
import dev.firebreak.starter.incidents.IncidentAction;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.maintenance.MaintenanceWindows;
import dev.firebreak.starter.service.ApiCaller;
import dev.firebreak.starter.service.ApiTokens;
import dev.firebreak.starter.service.IssuedIds;
import dev.firebreak.starter.service.Role;
import dev.firebreak.starter.service.TemporalDeadlines;
import dev.firebreak.workflows.common.HumanDuration;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentMemo;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.IncidentWorkflowImpl;
import dev.firebreak.workflows.incident.RecordingChat;
import dev.firebreak.workflows.incident.RecordingPager;
import dev.firebreak.workflows.incident.ScriptedDiagnostics;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.job.JobWorkflow;
import dev.firebreak.workflows.maintenance.MaintenanceWindowWorkflow;
import dev.firebreak.workflows.maintenance.RecordingNotices;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every API call answers within its stated limit, whatever Temporal or a workflow does: here no
 * worker runs (so no workflow answers a query or accepts an update), or nothing listens where
 * Temporal should be. The limits are shrunk to 1 s to read, 2 s for a command and 500 ms a row.
 */
class ApiTimeLimitsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration READ = Duration.ofSeconds(1);
  private static final Duration COMMAND = Duration.ofSeconds(2);

  /**
   * The limit plus room for a loaded machine; the old code took 10 s and more per stuck workflow.
   */
  private static final Duration SLACK = Duration.ofSeconds(3);

  private static final String DECLARE =
      """
      {"title": "Checkout 5xx", "severity": "P1", "service": "recoup-backend"}""";

  private final FirebreakConfig config = new ConfigLoader().load(RunningApi.CONFIG);
  private final HttpClient http = HttpClient.newHttpClient();
  private TestWorkflowEnvironment temporal;
  private WorkflowServiceStubs deadTemporal;
  private ApiServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
    if (temporal != null) {
      temporal.close();
    }
    if (deadTemporal != null) {
      deadTemporal.shutdownNow();
    }
  }

  /**
   * Temporal is up, but no worker polls: every workflow started here is stuck before its first
   * task.
   */
  private WorkflowClient temporalWithoutWorker() {
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    temporal.start();
    server = api(temporal.getWorkflowClient());
    return temporal.getWorkflowClient();
  }

  private ApiServer api(WorkflowClient client) {
    IncidentServices incidents =
        IncidentServices.of(
            client,
            config,
            new IncidentPolicyFactory(config, false),
            Clock.systemUTC(),
            TemporalDeadlines.of(READ, COMMAND, Duration.ofMillis(500)),
            IssuedIds.NONE);
    ApiTokens tokens =
        ApiTokens.none().with("admin-token", new ApiCaller("ci", Set.of(Role.ADMIN)));
    return new ApiServer(
            incidents,
            new MaintenanceWindows(incidents, config, Clock.systemUTC()),
            config,
            tokens,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            () -> true,
            routes -> {})
        .start("127.0.0.1", 0);
  }

  private void startStuckIncident(WorkflowClient client, String id) {
    Declaration declaration =
        new Declaration(
            id,
            "Stuck " + id,
            Severity.P2,
            "recoup-backend",
            null,
            null,
            "test",
            Instant.parse("2026-03-02T10:00:00Z"));
    client
        .newUntypedWorkflowStub(
            IncidentWorkflow.class.getSimpleName(),
            WorkflowOptions.newBuilder()
                .setWorkflowId(IncidentWorkflow.workflowId(id))
                .setTaskQueue(TaskQueue.NAME)
                .setMemo(
                    IncidentMemo.of(declaration, declaration.severity(), declaration.declaredAt()))
                .build())
        .start();
  }

  @Test
  void aDeclarationAndAnAcknowledgementMadeWhileNoWorkerRunsAreAppliedInThatOrderOnceOneDoes()
      throws Exception {
    temporal =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
    RecordingPager pager = new RecordingPager();
    Worker worker = temporal.newWorker(TaskQueue.NAME);
    worker.registerWorkflowImplementationTypes(IncidentWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        new RecordingNotices(), new RecordingChat(), pager, new ScriptedDiagnostics());
    server = api(temporal.getWorkflowClient());

    Timed declared = call("POST", "/api/v1/incidents", DECLARE);
    String id = declared.json().get("id").asText();
    Timed ack = call("POST", "/api/v1/incidents/" + id + "/ack", "{}");
    temporal.start();

    assertThat(declared.status()).isEqualTo(201);
    assertThat(ack.status()).isEqualTo(504);
    assertThat(ack.json().get("message").asText()).contains("may still be applied");
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                call("GET", "/api/v1/incidents/" + id, null)
                    .json()
                    .path("acknowledgedBy")
                    .asText()
                    .equals("ci"));
    JsonNode incident = call("GET", "/api/v1/incidents/" + id, null).json();
    assertThat(incident.get("timeline").findValuesAsText("kind"))
        .startsWith("declared", "not-paged", "acknowledged")
        .doesNotContain("paged");
    assertThat(pager.pages).isEmpty();
    // Declared when the API took the request, which was before the acknowledgement.
    assertThat(Instant.parse(incident.get("declaredAt").asText()))
        .isBefore(Instant.parse(incident.get("acknowledgedAt").asText()));
  }

  static Stream<Arguments> incidentCalls() {
    Stream<Arguments> reads =
        Stream.of(
            Arguments.of("GET", "/api/v1/incidents/INC-STUCK", null, READ),
            Arguments.of("GET", "/api/v1/incidents/INC-STUCK/postmortem", null, READ));
    Stream<Arguments> commands =
        Stream.of(IncidentAction.values())
            .map(
                action ->
                    Arguments.of(
                        "POST",
                        "/api/v1/incidents/INC-STUCK/" + action.path,
                        body(action),
                        COMMAND));
    return Stream.concat(reads, commands);
  }

  /** The action's required fields, filled in. */
  private static String body(IncidentAction action) {
    return action.required.stream()
        .map(field -> "\"" + field + "\":\"" + (field.equals("severity") ? "P1" : "x") + "\"")
        .collect(java.util.stream.Collectors.joining(",", "{", "}"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("incidentCalls")
  void aCallToAnIncidentWhoseWorkflowDoesNotAnswerIsA504NamingItWithinTheLimit(
      String method, String path, String body, Duration limit) {
    startStuckIncident(temporalWithoutWorker(), "INC-STUCK");

    Timed response = call(method, path, body);

    assertThat(response.took()).isLessThan(limit.plus(SLACK));
    assertThat(response.status()).as(response.json().toString()).isEqualTo(504);
    assertThat(response.json().get("error").asText()).isEqualTo("timeout");
    assertThat(response.json().get("message").asText())
        .startsWith("Incident INC-STUCK did not answer within " + HumanDuration.exact(limit))
        .doesNotContain("not reachable");
  }

  static Stream<Arguments> otherWorkflows() {
    return Stream.of(
        Arguments.of(
            MaintenanceWindowWorkflow.class.getSimpleName(),
            MaintenanceWindowWorkflow.workflowId("MW-STUCK"),
            "GET",
            "/api/v1/maintenance-windows/MW-STUCK",
            READ,
            "Maintenance window MW-STUCK"),
        Arguments.of(
            MaintenanceWindowWorkflow.class.getSimpleName(),
            MaintenanceWindowWorkflow.workflowId("MW-STUCK"),
            "POST",
            "/api/v1/maintenance-windows/MW-STUCK/abort",
            READ,
            "Maintenance window MW-STUCK"),
        Arguments.of(
            "RollbackWorkflow",
            "rollback-stuck",
            "GET",
            "/api/v1/rollbacks/stuck",
            READ,
            "Rollback stuck"),
        Arguments.of(
            "RollbackWorkflow",
            "rollback-stuck",
            "POST",
            "/api/v1/rollbacks/stuck/approve",
            READ,
            "Rollback stuck"),
        Arguments.of(
            JobWorkflow.class.getSimpleName(),
            JobWorkflow.workflowId("payment-verification"),
            "GET",
            "/api/v1/jobs/payment-verification",
            READ,
            "Job 'payment-verification'"),
        Arguments.of(
            JobWorkflow.class.getSimpleName(),
            JobWorkflow.workflowId("payment-verification"),
            "POST",
            "/api/v1/jobs/payment-verification/run",
            COMMAND,
            "Job 'payment-verification'"));
  }

  @ParameterizedTest(name = "{2} {3}")
  @MethodSource("otherWorkflows")
  void aCallToAWindowRollbackOrJobWhoseWorkflowDoesNotAnswerIsA504NamingItWithinTheLimit(
      String type, String workflowId, String method, String path, Duration limit, String named) {
    temporalWithoutWorker()
        .newUntypedWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueue.NAME)
                .build())
        .start();

    Timed response = call(method, path, method.equals("POST") ? "{}" : null);

    assertThat(response.took()).isLessThan(limit.plus(SLACK));
    assertThat(response.status()).as(response.json().toString()).isEqualTo(504);
    assertThat(response.json().get("message").asText())
        .startsWith(named + " did not answer within " + HumanDuration.exact(limit));
  }

  @Test
  void theIncidentListAnswersWithinItsLimitFromTheMemosWhenFiveIncidentsAreStuck() {
    WorkflowClient client = temporalWithoutWorker();
    for (int i = 1; i <= 5; i++) {
      startStuckIncident(client, "INC-STUCK-" + i);
    }

    Timed response = call("GET", "/api/v1/incidents", null);

    assertThat(response.took()).isLessThan(READ.plus(SLACK));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json())
        .hasSize(5)
        .allSatisfy(
            row -> {
              assertThat(row.get("title").asText()).startsWith("Stuck INC-STUCK-");
              assertThat(row.get("status").asText()).isEqualTo("OPEN");
            });
  }

  static Stream<Arguments> listsOfQueriedWorkflows() {
    return Stream.of(
        Arguments.of(
            MaintenanceWindowWorkflow.class.getSimpleName(),
            MaintenanceWindowWorkflow.workflowId("MW-STUCK"),
            "/api/v1/maintenance-windows",
            "id",
            "MW-STUCK"),
        // A job that does not answer still shows its configuration.
        Arguments.of(
            JobWorkflow.class.getSimpleName(),
            JobWorkflow.workflowId("payment-verification"),
            "/api/v1/jobs",
            "cron",
            "0 2 * * *"));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("listsOfQueriedWorkflows")
  void aRowWhoseWorkflowDoesNotAnswerIsListedAsUnreadWithoutHoldingUpTheList(
      String type, String workflowId, String path, String field, String value) {
    temporalWithoutWorker()
        .newUntypedWorkflowStub(
            type,
            WorkflowOptions.newBuilder()
                .setWorkflowId(workflowId)
                .setTaskQueue(TaskQueue.NAME)
                .build())
        .start();

    Timed response = call("GET", path, null);

    assertThat(response.took()).isLessThan(READ.plus(SLACK));
    assertThat(response.status()).isEqualTo(200);
    // Other configured rows (a job whose workflow never started) answer from config alone.
    assertThat(response.json())
        .filteredOn(row -> row.get(field).asText().equals(value))
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get("unread").asText())
                  .contains("did not answer within " + HumanDuration.exact(Duration.ofMillis(500)));
            });
  }

  @Test
  void aDeclarationTemporalCannotTakeIsA503WithinTheLimitThatSaysItMayStillTakeEffect()
      throws IOException {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    deadTemporal =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
    server =
        api(
            WorkflowClient.newInstance(
                deadTemporal, WorkflowClientOptions.newBuilder().setNamespace("default").build()));

    Timed response = call("POST", "/api/v1/incidents", DECLARE);

    assertThat(response.took()).isLessThan(COMMAND.plus(SLACK));
    assertThat(response.status()).isEqualTo(503);
    assertThat(response.json().get("error").asText()).isEqualTo("temporal_unavailable");
    assertThat(response.json().get("message").asText())
        .contains("may still take effect")
        .contains("Idempotency-Key");
  }

  private record Timed(int status, JsonNode json, Duration took) {}

  private Timed call(String method, String path, String body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Authorization", "Bearer admin-token")
            .header("Content-Type", "application/json")
            // Far above every limit: a call that needs it has hung, which is the failure this class
            // looks for.
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    long started = System.nanoTime();
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Timed(
          response.statusCode(),
          JSON.readTree(response.body()),
          Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
