package dev.firebreak.workflows.playbook;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.common.TaskQueue;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.rollback.PlatformService;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Playbook actions and the orders to run them, for workflow tests. */
public final class ActionOrders {

  /** Every action-run test starts its clock here. */
  public static final Instant START = Instant.parse("2026-12-04T03:00:00Z");

  public static final PlatformService WEB = new PlatformService("ttml-web", "vercel", "prj_web");
  public static final PlatformService API = new PlatformService("recoup-api", "render", "srv-api");

  public static final HealthCheck WEB_HEALTH =
      new HealthCheck("ttml-web", "https://ttml.example/api/health", Duration.ofSeconds(10));

  /** Approval by an admin, within 30 minutes. */
  public static final ApprovalRule ADMIN_APPROVAL =
      new ApprovalRule(List.of("admin"), Duration.ofMinutes(30));

  private ActionOrders() {}

  /** Talk-To-My-Lawyer's circuit breaker: serve mock data until the database is back. */
  public static ActionStep.Env circuitBreaker() {
    return new ActionStep.Env(WEB, Map.of("ENABLE_MOCK_DATA", "true"), List.of());
  }

  /** One action of each kind a run performs itself, by the kind's config name. */
  public static ActionStep step(String kind) {
    return switch (kind) {
      case "env" -> circuitBreaker();
      case "restart" -> new ActionStep.Restart(API);
      case "scale" -> new ActionStep.Scale(API, "3");
      case "redeploy" -> new ActionStep.Redeploy(WEB);
      case "http" ->
          new ActionStep.Http(
              HttpAction.configured(
                  "raise-limit",
                  "POST",
                  "https://api.example/limits",
                  Map.of(),
                  "{\"limit\":1000}",
                  200,
                  Duration.ofSeconds(5)));
      case "rollback" -> new ActionStep.Rollback("ttml-web");
      case "replay-webhooks" -> new ActionStep.ReplayWebhooks("stripe-retry", "evt_1", null);
      case "job" -> new ActionStep.RunJob("nightly-collections", Map.of());
      default -> throw new IllegalArgumentException(kind);
    };
  }

  public static ActionSpec action(String name, ActionStep step, ApprovalRule approval) {
    return new ActionSpec(
        name,
        "Circuit breaker",
        List.of("responder"),
        approval,
        "Serve mock data?",
        List.of(),
        step,
        List.of("web"),
        "circuit-breaker-off");
  }

  /** A run of {@code action} for INC-1, asked by alice, verified by {@code verify}. */
  public static ActionOrder order(String key, ActionSpec action, List<HealthCheck> verify) {
    return new ActionOrder(
        "INC-1",
        "database-down",
        action,
        Map.of(),
        "database is down",
        "alice",
        List.of("responder"),
        verify,
        key,
        null);
  }

  /** The circuit breaker, which an admin other than alice must approve within 30 minutes. */
  public static ActionOrder approvalOrder(String key) {
    return order(
        key, action("circuit-breaker", circuitBreaker(), ADMIN_APPROVAL), List.of(WEB_HEALTH));
  }

  public static ActionOrder order(String key, ActionStep step) {
    return order(key, action("circuit-breaker", step, null), List.of(WEB_HEALTH));
  }

  /** Starts the run of {@code order} on the worker's task queue, as an incident would. */
  public static ActionRunWorkflow start(WorkflowClient client, ActionOrder order) {
    ActionRunWorkflow run =
        client.newWorkflowStub(
            ActionRunWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(order.workflowId())
                .setTaskQueue(TaskQueue.NAME)
                .build());
    WorkflowClient.start(run::run, order);
    return run;
  }

  /**
   * A test server whose clock starts at {@link #START}, not started: each test class registers its
   * own worker on {@link TaskQueue#NAME} with the real implementations it needs.
   */
  public static TestWorkflowExtension serverAtStart() {
    return TestWorkflowExtension.newBuilder().setDoNotStart(true).setInitialTime(START).build();
  }
}
