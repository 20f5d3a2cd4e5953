package dev.firebreak.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.firebreak.activities.fakes.FakeVercel;
import dev.firebreak.workflows.incident.IncidentWorkflow;
import dev.firebreak.workflows.playbook.ActionOrder;
import dev.firebreak.workflows.playbook.ActionRunStatus;
import dev.firebreak.workflows.playbook.ActionRunView;
import dev.firebreak.workflows.playbook.ActionRunWorkflow;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.ActionStep;
import dev.firebreak.workflows.rollback.PlatformService;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The circuit breaker as `./firebreak dev` runs it, with Vercel live against its local fake that
 * takes a few status reads to build a deploy: the incident starts the run, the run writes the
 * variable through the real platform client, redeploys once and waits until it is live, and the
 * incident's timeline tells who asked and what was sent. The order is given to the incident's
 * update directly, as the API does once it has resolved it from the config.
 */
class ActionRunEndToEndTest {

  private static final Instant T0 = Instant.parse("2026-12-04T03:00:00Z");
  private static final String PROJECT = "prj_demo_talk_to_my_lawyer";

  private static FakeVercel vercel;
  private static DevMode dev;
  private static DevApi api;

  @RegisterExtension static final DevModeExtension devMode = new DevModeExtension();

  @BeforeAll
  static void startDevMode() {
    vercel =
        devMode
            .closeAfter(new FakeVercel("vercel-token", null))
            .productionDeploy(PROJECT, "dpl_live", T0, "READY", "aaa");
    vercel.builds().takes(2, Duration.ZERO);
    dev = devMode.start(Map.of("VERCEL_TOKEN", "vercel-token", "VERCEL_API_URL", vercel.baseUrl()));
    api = new DevApi(dev.apiUrl());
  }

  @Test
  void theCircuitBreakerSetsTheVariableOnVercelRedeploysOnceAndTheIncidentSaysSo()
      throws Exception {
    String id =
        api.call(
                "POST",
                "/api/v1/incidents",
                "{\"title\":\"Database down\",\"severity\":\"P1\",\"service\":\"talk-to-my-lawyer\"}",
                201)
            .get("id")
            .asText();
    ActionOrder order = circuitBreaker(id);
    WorkflowClient client = dev.process().client();

    client
        .newWorkflowStub(IncidentWorkflow.class, IncidentWorkflow.workflowId(id))
        .runAction(order);
    ActionRunView view =
        WorkflowStub.fromTyped(client.newWorkflowStub(ActionRunWorkflow.class, order.workflowId()))
            .getResult(60, TimeUnit.SECONDS, ActionRunView.class);

    assertThat(view.status()).as(view.steps().toString()).isEqualTo(ActionRunStatus.SUCCEEDED);
    assertThat(view.dryRun()).isFalse();
    assertThat(vercel.productionValue(PROJECT, "ENABLE_MOCK_DATA")).isEqualTo("true");
    assertThat(vercel.redeploysStarted()).hasSize(1);
    assertThat(vercel.builtWith(vercel.redeploys().get(0).uid()))
        .containsEntry("ENABLE_MOCK_DATA", "true");
    JsonNode timeline = api.call("GET", "/api/v1/incidents/" + id, null, 200).get("timeline");
    assertThat(timeline.findValuesAsText("text"))
        .anyMatch(
            text ->
                text.startsWith("Circuit breaker (circuit-breaker) done")
                    && text.contains("Asked by alice.")
                    && text.contains("ENABLE_MOCK_DATA"));
  }

  private static ActionOrder circuitBreaker(String incidentId) {
    ActionSpec action =
        new ActionSpec(
            "circuit-breaker",
            "Circuit breaker",
            List.of("responder"),
            null,
            null,
            List.of(),
            new ActionStep.Env(
                new PlatformService("talk-to-my-lawyer", "vercel", PROJECT),
                Map.of("ENABLE_MOCK_DATA", "true"),
                List.of()),
            List.of(),
            "circuit-breaker-off");
    return new ActionOrder(
        incidentId,
        "database-down",
        action,
        Map.of(),
        "database is down",
        "alice",
        List.of("responder"),
        List.of(),
        "e2e-1",
        null);
  }
}
