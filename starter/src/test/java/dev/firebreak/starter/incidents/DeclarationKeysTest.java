package dev.firebreak.starter.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.firebreak.starter.api.RunningApi;
import dev.firebreak.starter.config.ConfigLoader;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.TemporalFailures;
import dev.firebreak.workflows.incident.Declaration;
import dev.firebreak.workflows.incident.IncidentSearchAttributes;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.incident.Severity;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A declaration's Idempotency-Key, on the embedded server (which answers no visibility queries): it
 * goes into the incident's search attribute when the server knows that attribute, the declaration
 * still starts when the server does not, and a retry through another API process finds the incident
 * by its memo either way. No worker runs: a declaration is a start, and the listing reads what the
 * start wrote.
 */
class DeclarationKeysTest {

  private static final FirebreakConfig CONFIG = new ConfigLoader().load(RunningApi.CONFIG);

  private final TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance();
  private final WorkflowClient client = env.getWorkflowClient();

  /** Search attributes switched on means the server has the incident's columns registered. */
  @BeforeEach
  void registerTheColumns() {
    IncidentSearchAttributes.ALL.forEach(
        key -> env.registerSearchAttribute(key.getName(), key.getValueType()));
  }

  @AfterEach
  void close() {
    env.close();
  }

  @Test
  void theKeyGoesIntoItsSearchAttributeWhereTheServerHasIt() {
    env.registerSearchAttribute(
        IncidentSearchAttributes.IDEMPOTENCY_KEY.getName(),
        IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);

    Declared declared = apiProcess().declare(draft(), "deploy-42");

    assertThat(keyAttribute(declared.id())).isEqualTo("deploy-42");
  }

  @Test
  void aServerWithoutTheKeysSearchAttributeStillStartsTheDeclarationAndLaterOnes() {
    Declarations api = apiProcess();

    Declared first = api.declare(draft(), "deploy-42");
    Declared second = api.declare(draft(), "deploy-43");

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isTrue();
    assertThat(second.id()).isNotEqualTo(first.id());
    assertThat(keyAttribute(first.id())).isNull();
    assertThat(keyAttribute(second.id())).isNull();
  }

  @Test
  void aRetryThroughAnotherApiProcessGetsTheIncidentTheKeyStarted() {
    Declared declared = apiProcess().declare(draft(), "deploy-42");

    Declared retried = apiProcess().declare(draft(), "deploy-42");
    Declared other = apiProcess().declare(draft(), "deploy-43");

    assertThat(retried).isEqualTo(new Declared(declared.id(), false));
    assertThat(other.created()).isTrue();
    assertThat(other.id()).isNotEqualTo(declared.id());
  }

  @Test
  void searchAttributesSwitchedOnWhereTheServerLacksThemRefuseTheDeclarationSayingWhatToDo() {
    try (TestWorkflowEnvironment bare = TestWorkflowEnvironment.newInstance()) {
      Declarations api = IncidentServices.of(bare.getWorkflowClient(), CONFIG, true).declarations();

      Throwable refused = catchThrowable(() -> api.declare(draft(), null));

      assertThat(refused).isInstanceOf(Exception.class);
      Refusal error = new TemporalFailures().toRefusal((Exception) refused, null);
      assertThat(error.status()).isEqualTo(500);
      assertThat(error.code()).isEqualTo("search_attributes_missing");
      assertThat(error.getMessage())
          .contains("FirebreakService", "--register-search-attributes", "--search-attributes");
    }
  }

  /** A fresh API process: nothing in its memory, the search attributes switched on. */
  private Declarations apiProcess() {
    return IncidentServices.of(client, CONFIG, true).declarations();
  }

  private static Declaration draft() {
    return new Declaration(
        null, "Checkout 5xx", Severity.P2, "recoup-backend", null, null, "ci", null);
  }

  private String keyAttribute(String incidentId) {
    return client
        .newUntypedWorkflowStub(IncidentWorkflow.workflowId(incidentId))
        .describe()
        .getTypedSearchAttributes()
        .get(IncidentSearchAttributes.IDEMPOTENCY_KEY);
  }
}
