package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.incidents.IncidentFilter;
import dev.firebreak.starter.incidents.IncidentReads;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.incidents.IncidentSummary;
import dev.firebreak.starter.incidents.IncidentVisibilityQuery;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.operatorservice.v1.ListSearchAttributesRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Incident lists on a real Temporal, where they are visibility queries on Firebreak's search
 * attributes. The dev server starts bare, as a team's own cluster does: {@code ./firebreak worker
 * --register-search-attributes} registers them, and {@code ./firebreak api} (with {@code
 * --search-attributes}) declares incidents that carry them. Three incidents for the class: {@code
 * a} P1 on shop (declared), {@code b} P2 on billing (acknowledged, so mitigating once assessed),
 * {@code c} P1 on billing (closed). The processes' output is kept in {@code target/incident-list/}.
 */
class IncidentListOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.bare();

  static final Path OUTPUT = Path.of("target", "incident-list");
  static final String CONFIG =
      """
      organisation: Incident list
      api:
        tokens:
          - { name: test, token: "${FIREBREAK_TEST_TOKEN}", roles: [admin] }
      incident:
        monitoringPeriod: 1s
        monitoringCheckInterval: 1s
      escalation:
        levels:
          - { name: primary, targets: ["slack:U1"] }
      services:
        - name: shop
        - name: billing
      """;

  static FirebreakOsProcess worker;
  static FirebreakOsProcess api;
  static DevApi http;
  static WorkflowClient client;
  static Map<String, IndexedValueType> attributesAtStart;
  static final Map<String, String> ids = new LinkedHashMap<>();

  @BeforeAll
  static void startWorkerAndApiAndDeclareThreeIncidents() throws Exception {
    if (temporal.server() == null) {
      return; // no CLI: the extension reports every test skipped
    }
    client = temporal.newClient();
    attributesAtStart = searchAttributes();
    Files.createDirectories(OUTPUT);
    Path config = Files.writeString(OUTPUT.resolve("firebreak.yaml"), CONFIG).toAbsolutePath();
    Map<String, String> env =
        Map.of(
            "TEMPORAL_ADDRESS",
            temporal.server().target(),
            "FIREBREAK_TEST_TOKEN",
            DevMode.DEFAULT_DEV_TOKEN);
    int apiPort = FreePort.next();
    worker =
        new FirebreakOsProcess(
            "worker",
            List.of(
                "--config",
                config.toString(),
                "--port",
                String.valueOf(FreePort.next()),
                "--register-search-attributes"),
            env,
            OUTPUT.resolve("worker.log"));
    api =
        new FirebreakOsProcess(
            "api",
            List.of(
                "--config",
                config.toString(),
                "--port",
                String.valueOf(apiPort),
                "--search-attributes"),
            env,
            OUTPUT.resolve("api.log"));
    Files.deleteIfExists(worker.log());
    Files.deleteIfExists(api.log());
    worker.start();
    api.start();
    http = new DevApi("http://127.0.0.1:" + apiPort);
    awaitWorkerPolling(1);
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              assertThat(api.isAlive())
                  .as("the API is running; its log: %s", api.output())
                  .isTrue();
              return http.call("GET", "/api/v1/services", null, 200) != null;
            });

    ids.put("a", declare("P1", "shop"));
    ids.put("b", declare("P2", "billing"));
    ids.put("c", declare("P1", "billing"));
    http.call("POST", "/api/v1/incidents/" + ids.get("b") + "/ack", "{}", 200);
    awaitStatus(ids.get("b"), "MITIGATING");
    String c = ids.get("c");
    http.call("POST", "/api/v1/incidents/" + c + "/ack", "{}", 200);
    http.call("POST", "/api/v1/incidents/" + c + "/resolve", "{}", 200);
    awaitStatus(c, "POST_MORTEM");
    http.call("POST", "/api/v1/incidents/" + c + "/postmortem/review", "{}", 200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                client
                        .newUntypedWorkflowStub("incident-" + c)
                        .describe()
                        .getWorkflowExecutionInfo()
                        .getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.getWorkflowServiceStubs().shutdownNow();
    }
    for (FirebreakOsProcess process : new FirebreakOsProcess[] {worker, api}) {
      if (process != null) {
        process.close();
      }
    }
  }

  @Test
  void registerSearchAttributesAddsThemToABareServerAndFindsThemThereOnTheNextStart() {
    List<String> names =
        SearchAttributeRegistration.FIREBREAKS.stream().map(key -> key.getName()).toList();
    assertThat(attributesAtStart)
        .as("the dev server started without them")
        .doesNotContainKeys(names.toArray(String[]::new));
    assertThat(worker.output()).contains("registered " + names);

    worker.kill();
    worker.start();
    awaitWorkerPolling(2);

    assertThat(worker.output())
        .contains("all were registered already")
        .doesNotContain("Search attributes not registered");
    Map<String, IndexedValueType> registered = searchAttributes();
    names.forEach(
        name ->
            assertThat(registered)
                .containsEntry(name, IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
  }

  @ParameterizedTest(name = "?{0} lists {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "''                                  | c b a",
        "status=open                         | b a",
        "status=closed                       | c",
        "status=declared                     | a",
        "status=mitigating                   | b",
        "severity=P1                         | c a",
        "service=billing                     | c b",
        "status=open&severity=P1             | a",
        "severity=P1&service=billing         | c",
        "status=closed&service=shop          | ''",
      })
  void theApiListsExactlyTheIncidentsTheFilterMatchesNewestFirst(String query, String expected) {
    List<String> want =
        expected.isBlank() ? List.of() : Arrays.stream(expected.split(" ")).map(ids::get).toList();
    // Visibility is updated a moment after the workflow: the list is read until it agrees, briefly.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(listed(query)).containsExactlyElementsOf(want));
    assertThat(api.output())
        .as("the API listed with visibility queries")
        .doesNotContain("answers no visibility queries");
  }

  @Test
  void theIncidentsCarryTheirStatusSeverityAndServiceAsSearchAttributesTheServerFiltersOn() {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(visible("FirebreakService = 'billing'"))
                  .containsExactlyInAnyOrder(ids.get("b"), ids.get("c"));
              assertThat(visible("FirebreakSeverity = 'P1'"))
                  .containsExactlyInAnyOrder(ids.get("a"), ids.get("c"));
              assertThat(visible("FirebreakStatus = 'MITIGATING'")).containsExactly(ids.get("b"));
              assertThat(visible("FirebreakStatus = 'DECLARED'")).containsExactly(ids.get("a"));
            });
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "it's",
        "bill'ing",
        "x' OR WorkflowType = 'IncidentWorkflow",
        "x\\' OR WorkflowType = 'IncidentWorkflow",
        "x') OR (FirebreakService != 'x",
        "\\",
        "billing\\"
      })
  void aServiceWithAQuoteOrBackslashNeitherBreaksTheQueryNorWidensIt(String service) {
    IncidentFilter filter = new IncidentFilter(null, null, service);
    // What a query matches with the value pasted in unquoted: every incident.
    assertThat(visible("FirebreakService = 'x' OR WorkflowType = 'IncidentWorkflow'")).hasSize(3);

    assertThat(matching(IncidentVisibilityQuery.running(filter, true))).isEmpty();
    assertThat(matching(IncidentVisibilityQuery.closed(filter, true))).isEmpty();
    assertThat(gateway().list(filter)).isEmpty();
  }

  /**
   * The server strips every quote at either end of a value it parsed, so these match the service
   * without the quotes there; the list checks each row's memo, which drops them.
   */
  @ParameterizedTest
  @ValueSource(strings = {"shop'", "'shop", "'billing'", "'"})
  void aServiceWithAQuoteAtEitherEndListsNoIncidentOfTheServiceWithout(String service) {
    List<IncidentSummary> listed = gateway().list(new IncidentFilter(null, null, service));

    assertThat(listed).isEmpty();
  }

  private static IncidentReads gateway() {
    return IncidentServices.of(client, new ConfigLoader().load(CONFIG), true).reads();
  }

  /** The ids of this class's incidents a query finds. */
  private static List<String> matching(String query) {
    return client
        .listExecutions(query)
        .map(execution -> execution.getExecution().getWorkflowId().substring("incident-".length()))
        .filter(ids::containsValue)
        .toList();
  }

  private static String declare(String severity, String service) throws Exception {
    return http.call(
            "POST",
            "/api/v1/incidents",
            "{\"title\": \"Checkout 5xx\", \"severity\": \""
                + severity
                + "\", \"service\": \""
                + service
                + "\"}",
            201)
        .get("id")
        .asText();
  }

  private static void awaitStatus(String id, String status) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                http.call("GET", "/api/v1/incidents/" + id, null, 200)
                    .get("status")
                    .asText()
                    .equals(status));
  }

  private static List<String> listed(String query) throws Exception {
    String path = "/api/v1/incidents" + (query.isEmpty() ? "" : "?" + query);
    JsonNode rows = http.call("GET", path, null, 200);
    return StreamSupport.stream(rows.spliterator(), false)
        .map(row -> row.get("id").asText())
        .toList();
  }

  /** The incidents the server itself finds with a query on the search attributes. */
  private static List<String> visible(String condition) {
    return matching("WorkflowType = 'IncidentWorkflow' AND (" + condition + ")");
  }

  private static Map<String, IndexedValueType> searchAttributes() {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(temporal.server().target())
                .validateAndBuildWithDefaults());
    try {
      return operator
          .blockingStub()
          .listSearchAttributes(
              ListSearchAttributesRequest.newBuilder().setNamespace(CliTemporal.NAMESPACE).build())
          .getCustomAttributesMap();
    } finally {
      operator.shutdownNow();
    }
  }

  private static void awaitWorkerPolling(int starts) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              assertThat(worker.isAlive())
                  .as("the worker is running; its log: %s", worker.output())
                  .isTrue();
              return ProcessTrial.countOf(worker.output(), "Worker polling task queue") >= starts;
            });
  }
}
