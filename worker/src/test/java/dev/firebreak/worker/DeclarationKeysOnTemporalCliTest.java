package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.incidents.Declarations;
import dev.firebreak.starter.incidents.Declared;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import dev.firebreak.workflows.incident.Severity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A declaration retried with its Idempotency-Key through another API process, on a real Temporal
 * with Firebreak's search attributes: the other process finds the incident with a visibility query
 * on {@code FirebreakIdempotencyKey} (one row), where it used to list every running incident. Each
 * "process" is a fresh {@link IncidentServices}, nothing in its memory; no worker runs, since a
 * declaration is a start and the query reads what the start wrote.
 */
class DeclarationKeysOnTemporalCliTest {

  @RegisterExtension static final TemporalCliServer temporal = TemporalCliServer.started();

  private static final FirebreakConfig CONFIG =
      new ConfigLoader()
          .load(
              """
              organisation: Declaration keys
              escalation:
                levels:
                  - { name: primary, targets: ["slack:U1"] }
              services:
                - name: shop
              """);

  static WorkflowClient client;

  @BeforeAll
  static void connect() {
    if (temporal.server() != null) { // without a CLI the extension reports every test skipped
      client = temporal.newClient();
    }
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.getWorkflowServiceStubs().shutdownNow();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ci-run-8812/deploy-42", "zoë 42 #deploy"})
  void aRetryThroughAnotherApiProcessFindsTheIncidentByTheKeysSearchAttribute(String key) {
    Declared declared = apiProcess().declare(draft(), key);
    awaitVisible(declared.id());

    Declared retried = apiProcess().declare(draft(), key);
    Declared other = apiProcess().declare(draft(), key + "-other");

    assertThat(retried).isEqualTo(new Declared(declared.id(), false));
    assertThat(other.created()).isTrue();
    assertThat(other.id()).isNotEqualTo(declared.id());
    assertThat(keyAttribute(declared.id())).isEqualTo(key);
  }

  /**
   * The server finds no keyword value with a backslash or a double quote by a query, so such a key
   * is looked for among every running incident's memo instead: still found, never a second
   * incident.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {"deploy\\42", "\"deploy 42\"", "'deploy 42'", "x' OR ExecutionStatus = 'Running"})
  void aKeyTheQueryCannotMatchExactlyIsStillFoundOnRetry(String key) {
    Declared declared = apiProcess().declare(draft(), key);
    awaitVisible(declared.id());

    Declared retried = apiProcess().declare(draft(), key);

    assertThat(retried).isEqualTo(new Declared(declared.id(), false));
    assertThat(keyAttribute(declared.id())).isEqualTo(key);
  }

  /**
   * What shows the lookup is the query and not a listing: a running incident whose memo has the key
   * but whose start did not set the attribute (one an API declared before the attribute existed) is
   * not found. That is the one case the query misses; the README says so.
   */
  @Test
  void theLookupIsAQueryOnTheAttributeNotAListingOfEveryIncident() {
    String key = "ci-run-8813/deploy-43";
    client
        .newUntypedWorkflowStub(
            "IncidentWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId("incident-INC-20000101-1")
                .setTaskQueue("firebreak-declaration-keys-no-worker")
                .setMemo(Map.of("idempotencyKey", key))
                .build())
        .start();

    Declared declared = apiProcess().declare(draft(), key);

    assertThat(declared.created()).isTrue();
    assertThat(declared.id()).isNotEqualTo("INC-20000101-1");
  }

  /** A fresh API process: nothing in its memory, the search attributes switched on. */
  private static Declarations apiProcess() {
    return IncidentServices.of(client, CONFIG, true).declarations();
  }

  private static Declaration draft() {
    return new Declaration(null, "Checkout 5xx", Severity.P1, "shop", null, null, "ci", null);
  }

  private static String keyAttribute(String incidentId) {
    return client
        .newUntypedWorkflowStub("incident-" + incidentId)
        .describe()
        .getTypedSearchAttributes()
        .get(IncidentSearchAttributes.IDEMPOTENCY_KEY);
  }

  /** Visibility trails the start by moments; a real retry comes seconds later. */
  private static void awaitVisible(String id) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                client
                    .listExecutions("WorkflowId = 'incident-" + id + "'")
                    .anyMatch(execution -> execution.getTypedSearchAttributes().size() > 0));
  }
}
