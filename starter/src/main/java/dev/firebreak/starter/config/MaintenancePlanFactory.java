package dev.firebreak.starter.config;

import dev.firebreak.workflows.action.HttpAction;
import dev.firebreak.workflows.diagnostics.HealthCheck;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.maintenance.MaintenancePlan;
import dev.firebreak.workflows.maintenance.RecurringWindow;
import dev.firebreak.workflows.maintenance.MaintenanceStep;
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
    return config.maintenance().covering(services.get(0)).orElseGet(MaintenanceWindowConfig::defaults);
  }

  /**
   * @param services known services, the first one owning any incident the window declares
   * @param extraSteps the request's own steps, run after the template's
   */
  public MaintenancePlan plan(MaintenanceWindowConfig template, List<String> services, List<MaintenanceStepConfig> extraSteps) {
    List<ServiceConfig> covered = services.stream().map(name -> config.service(name).orElseThrow()).toList();
    List<MaintenanceStepConfig> steps = new ArrayList<>(template.steps());
    steps.addAll(extraSteps);
    MaintenanceWindowConfig.MaintenanceMode mode = template.maintenanceMode();
    return new MaintenancePlan(
        template.announce().channel() != null ? template.announce().channel() : incidents.channel(),
        template.announce().emails(),
        covered.stream().map(ServiceConfig::statusPageComponent).filter(Objects::nonNull).toList(),
        template.announce().offsets().stream().map(DurationText::require).toList(),
        steps(template.preChecks()),
        mode == null ? null : new MaintenanceStep("Maintenance mode on", action("Maintenance mode on", mode.enable()), null),
        steps(steps),
        mode == null ? null : new MaintenanceStep("Maintenance mode off", action("Maintenance mode off", mode.disable()), null),
        covered.stream().filter(s -> s.healthUrl() != null)
            .map(s -> new HealthCheck(s.name(), s.healthUrl(), HEALTH_CHECK_TIMEOUT)).toList(),
        steps(template.postChecks()),
        DurationText.require(template.monitoringPeriod()),
        DurationText.require(template.monitoringInterval()),
        DurationText.require(template.manualStepTimeout()),
        template.rollback()
            ? covered.stream().filter(s -> s.platform() != null)
                .map(s -> new ServiceRollback(s.name(), RollbackPolicyFactory.forService(s, incidents.channel()))).toList()
            : List.of(),
        Severity.valueOf(template.incidentSeverity()),
        incidents.forService(services.get(0)));
  }

  private static List<MaintenanceStep> steps(List<MaintenanceStepConfig> steps) {
    return steps.stream().map(s -> new MaintenanceStep(s.name(), s.http() == null ? null : action(s.name(), s.http()), s.manual()))
        .toList();
  }

  private static HttpAction action(String name, MaintenanceStepConfig.HttpCall call) {
    return new HttpAction(name, call.method(), call.url(), call.headers(), call.body(), call.expectedStatus(),
        DurationText.require(call.timeout()));
  }

  /** A window of the config with a recurrence, as the loop that starts its occurrences runs it. */
  public RecurringWindow recurring(MaintenanceWindowConfig template) {
    return new RecurringWindow(template.name(), "Planned maintenance: " + template.name(), template.services(),
        template.recurrence(), template.zone(), DurationText.require(template.duration()),
        plan(template, template.services(), List.of()));
  }
}
