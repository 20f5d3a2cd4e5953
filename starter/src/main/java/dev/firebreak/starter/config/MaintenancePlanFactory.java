package dev.firebreak.starter.config;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.MaintenancePlan;
import dev.firebreak.workflows.maintenance.MaintenanceStep;
import dev.firebreak.workflows.maintenance.RecurringWindow;
import dev.firebreak.workflows.maintenance.ServiceRollback;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Captures the slice of a validated config a maintenance window on some services runs by. */
public final class MaintenancePlanFactory {

  private static final Duration HEALTH_CHECK_TIMEOUT = Duration.ofSeconds(10);

  private final FirebreakConfig config;
  private final IncidentPolicyFactory incidents;

  public MaintenancePlanFactory(FirebreakConfig config, IncidentPolicyFactory incidents) {
    this.config = config;
    this.incidents = incidents;
  }

  /** The template a window on these services uses when the request names none. */
  public MaintenanceWindowConfig templateFor(List<String> services) {
    return config
        .maintenance()
        .covering(services.get(0))
        .orElseGet(MaintenanceWindowConfig::defaults);
  }

  /**
   * @param services known services, the first one owning any incident the window declares
   * @param extraSteps the request's own steps, run after the template's: {@link #configured} for a
   *     step of the config a request names, {@link #requested} for one the request wrote
   */
  public MaintenancePlan plan(
      MaintenanceWindowConfig template, List<String> services, List<MaintenanceStep> extraSteps) {
    List<ServiceConfig> covered =
        services.stream().map(name -> config.service(name).orElseThrow()).toList();
    List<MaintenanceStep> steps = new ArrayList<>(steps(template.steps()));
    steps.addAll(extraSteps);
    MaintenanceWindowConfig.MaintenanceMode mode = template.maintenanceMode();
    return new MaintenancePlan(
        template.announce().channel() != null ? template.announce().channel() : incidents.channel(),
        template.announce().emails(),
        covered.stream().map(ServiceConfig::statusPageComponent).filter(Objects::nonNull).toList(),
        template.announce().offsets().stream().map(DurationText::require).toList(),
        steps(template.preChecks()),
        mode == null
            ? null
            : new MaintenanceStep(
                "Maintenance mode on", action("Maintenance mode on", mode.enable()), null),
        steps,
        mode == null
            ? null
            : new MaintenanceStep(
                "Maintenance mode off", action("Maintenance mode off", mode.disable()), null),
        covered.stream()
            .filter(s -> s.healthUrl() != null)
            .map(s -> new HealthCheck(s.name(), s.healthUrl(), HEALTH_CHECK_TIMEOUT))
            .toList(),
        steps(template.postChecks()),
        DurationText.require(template.monitoringPeriod()),
        DurationText.require(template.monitoringInterval()),
        DurationText.require(template.manualStepTimeout()),
        template.rollback()
            ? covered.stream()
                .filter(s -> s.platform() != null)
                .map(
                    s ->
                        new ServiceRollback(
                            s.name(), RollbackPolicyFactory.forService(s, incidents.channel())))
                .toList()
            : List.of(),
        Severity.valueOf(template.incidentSeverity()),
        incidents.forService(services.get(0)),
        template.silenceTail() == null ? null : DurationText.require(template.silenceTail()));
  }

  private static List<MaintenanceStep> steps(List<MaintenanceStepConfig> steps) {
    return steps.stream().map(MaintenancePlanFactory::configured).toList();
  }

  /**
   * A step the operator wrote in the config: its call's {@code ${ENV}} references are expanded when
   * it is made.
   */
  public static MaintenanceStep configured(MaintenanceStepConfig step) {
    return new MaintenanceStep(
        step.name(), step.http() == null ? null : action(step.name(), step.http()), step.manual());
  }

  /**
   * A step a request wrote (a manual step, or an admin's ad-hoc call): its call is sent exactly as
   * written, {@code ${…}} included, because nothing that arrives over the API or Slack is expanded.
   */
  public static MaintenanceStep requested(MaintenanceStepConfig step) {
    MaintenanceStepConfig.HttpCall call = step.http();
    return new MaintenanceStep(
        step.name(),
        call == null
            ? null
            : new HttpAction(
                step.name(),
                call.method(),
                call.url(),
                call.headers(),
                call.body(),
                call.expectedStatus(),
                DurationText.require(call.timeout())),
        step.manual());
  }

  static HttpAction action(String name, MaintenanceStepConfig.HttpCall call) {
    return HttpAction.configured(
        name,
        call.method(),
        call.url(),
        call.headers(),
        call.body(),
        call.expectedStatus(),
        DurationText.require(call.timeout()));
  }

  /** A window of the config with a recurrence, as the loop that starts its occurrences runs it. */
  public RecurringWindow recurring(MaintenanceWindowConfig template) {
    return new RecurringWindow(
        template.name(),
        "Planned maintenance: " + template.name(),
        template.services(),
        template.recurrence(),
        template.zone(),
        DurationText.require(template.duration()),
        plan(template, template.services(), List.of()));
  }
}
