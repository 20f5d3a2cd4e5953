package dev.firebreak.workflows.maintenance;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.common.EnvReferences;
import dev.firebreak.workflows.diagnostics.Deployment;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.incident.IncidentPolicies;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.rollback.RollbackOrders;
import dev.firebreak.workflows.rollback.RollbackPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The Recoup runbook's monthly maintenance as an order, for workflow tests. */
public final class MaintenanceOrders {

  public static final Duration MANUAL_TIMEOUT = Duration.ofMinutes(30);
  private static final String HEALTH_URL = "http://127.0.0.1:9/health";

  /**
   * The platform once a step of the window has deployed dep-5 over {@link RollbackOrders#DEPLOYS}'
   * live dep-4.
   */
  public static final List<Deployment> DEPLOYED_DURING_WINDOW =
      Stream.concat(
              Stream.of(
                  new Deployment("dep-5", RollbackOrders.T0.plusSeconds(600), "live", "eeee", null),
                  new Deployment("dep-4", RollbackOrders.T0, "deactivated", "dddd", null)),
              RollbackOrders.DEPLOYS.stream().skip(1))
          .toList();

  private MaintenanceOrders() {}

  public static HttpAction action(String name) {
    return new HttpAction(
        name,
        "POST",
        "http://127.0.0.1:9/ops/" + name,
        Map.of(),
        null,
        200,
        Duration.ofSeconds(10));
  }

  public static MaintenanceStep step(String name) {
    return new MaintenanceStep(name, action(name), null);
  }

  /** A step whose call needs a secret, as the runbooks' admin endpoints do. */
  public static MaintenanceStep stepWithSecret(String name, String variable) {
    return new MaintenanceStep(
        name,
        HttpAction.configured(
            name,
            "POST",
            "http://127.0.0.1:9/ops/" + name,
            Map.of("Authorization", "Bearer " + EnvReferences.reference(variable)),
            null,
            200,
            Duration.ofSeconds(10)),
        null);
  }

  /** A step whose configured URL is not one: it cannot be sent at all. */
  public static MaintenanceStep unsendable(String name) {
    return new MaintenanceStep(
        name,
        new HttpAction(
            name, "POST", "127.0.0.1:9/ops/" + name, Map.of(), null, 200, Duration.ofSeconds(10)),
        null);
  }

  public static MaintenanceStep manual(String name) {
    return new MaintenanceStep(name, null, "do " + name + " by hand");
  }

  public static MaintenancePlan plan(List<MaintenanceStep> steps) {
    return plan(step("maintenance-on"), steps, RollbackOrders.policy(false), HEALTH_URL);
  }

  private static MaintenancePlan plan(
      MaintenanceStep modeOn,
      List<MaintenanceStep> steps,
      RollbackPolicy rollback,
      String healthUrl) {
    return new MaintenancePlan(
        "#ops",
        List.of("customers@example.com"),
        List.of("cmp-backend"),
        List.of(Duration.ofHours(48), Duration.ofHours(24), Duration.ofHours(1)),
        List.of(step("create-firestore-backup"), step("export-redis")),
        modeOn,
        steps,
        step("maintenance-off"),
        List.of(new HealthCheck("recoup-backend", healthUrl, Duration.ofSeconds(10))),
        List.of(step("test-payment-processing")),
        Duration.ofMinutes(30),
        Duration.ofMinutes(5),
        MANUAL_TIMEOUT,
        List.of(new ServiceRollback("recoup-backend", rollback)),
        Severity.P1,
        IncidentPolicies.recoup(),
        null);
  }

  /** The same window, with its services' alerts silenced until its end plus {@code tail}. */
  public static MaintenanceOrder withSilenceTail(MaintenanceOrder order, Duration tail) {
    MaintenancePlan p = order.plan();
    return new MaintenanceOrder(
        order.request(),
        new MaintenancePlan(
            p.channel(),
            p.emails(),
            p.statusPageComponents(),
            p.announceOffsets(),
            p.preChecks(),
            p.maintenanceModeOn(),
            p.steps(),
            p.maintenanceModeOff(),
            p.healthChecks(),
            p.postChecks(),
            p.monitoringPeriod(),
            p.monitoringInterval(),
            p.manualStepTimeout(),
            p.rollbacks(),
            p.incidentSeverity(),
            p.incidentPolicy(),
            tail));
  }

  public static MaintenanceOrder order(String id, Instant start, List<MaintenanceStep> steps) {
    return order(id, start, start.plus(Duration.ofHours(2)), steps);
  }

  public static MaintenanceOrder order(
      String id, Instant start, Instant end, List<MaintenanceStep> steps) {
    return new MaintenanceOrder(request(id, start, end), plan(steps));
  }

  /** A window whose maintenance mode is switched on by {@code modeOn}. */
  public static MaintenanceOrder order(
      String id, Instant start, MaintenanceStep modeOn, List<MaintenanceStep> steps) {
    return new MaintenanceOrder(
        request(id, start, start.plus(Duration.ofHours(2))),
        plan(modeOn, steps, RollbackOrders.policy(false), HEALTH_URL));
  }

  /**
   * A window whose rollback waits for someone to approve it, so a test can look at it while it
   * runs.
   */
  public static MaintenanceOrder orderWithApprovedRollback(
      String id, Instant start, List<MaintenanceStep> steps) {
    return new MaintenanceOrder(
        request(id, start, start.plus(Duration.ofHours(2))),
        plan(step("maintenance-on"), steps, RollbackOrders.policy(true), HEALTH_URL));
  }

  /**
   * A window whose health checks ask the endpoint at {@code healthUrl}, for tests against a real
   * endpoint.
   */
  public static MaintenanceOrder orderCheckingHealthAt(
      String id, Instant start, List<MaintenanceStep> steps, String healthUrl) {
    return new MaintenanceOrder(
        request(id, start, start.plus(Duration.ofHours(2))),
        plan(step("maintenance-on"), steps, RollbackOrders.policy(false), healthUrl));
  }

  private static MaintenanceRequest request(String id, Instant start, Instant end) {
    return new MaintenanceRequest(
        id, "Upgrade Firestore indexes", List.of("recoup-backend"), start, end, "alice", List.of());
  }
}
