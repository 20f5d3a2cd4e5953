package dev.firebreak.starter.maintenance;

import dev.firebreak.starter.config.AllowedHosts;
import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.MaintenanceConfigCheck;
import dev.firebreak.starter.config.MaintenancePlanFactory;
import dev.firebreak.starter.config.MaintenanceStepConfig;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.maintenance.MaintenanceStep;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The steps a window scheduled over the API or Slack adds to its template. A step is a name only (a
 * step of {@code maintenance.steps}, which may use the config's secrets), a manual step, or an
 * ad-hoc HTTP call. An ad-hoc call is an admin's alone, only to a host the config names, and is
 * sent exactly as written: {@code ${…}} in it is literal text, so no request can choose where the
 * worker's secrets go.
 */
final class RequestedSteps {

  private final FirebreakConfig config;
  private final AllowedHosts hosts;

  RequestedSteps(FirebreakConfig config) {
    this.config = config;
    this.hosts = AllowedHosts.of(config);
  }

  /**
   * @param may whether the caller has a role; an ad-hoc call needs admin
   * @throws Refusal 403 for an ad-hoc call from anyone else, 400 for any other mistake
   */
  List<MaintenanceStep> resolve(List<MaintenanceStepConfig> steps, Predicate<Role> may) {
    List<MaintenanceStepConfig> given = steps == null ? List.of() : steps;
    List<String> adHoc = indexesWhere(given, s -> s.http() != null);
    if (!adHoc.isEmpty() && !may.test(Role.ADMIN)) {
      throw new Refusal(
          403,
          "forbidden",
          "An ad-hoc HTTP step ("
              + String.join(", ", adHoc)
              + ") needs the admin "
              + "role. Add a step the config defines by its name instead, such as {\"name\": \""
              + example()
              + "\"}; "
              + "known: "
              + known()
              + ".");
    }
    List<String> problems = new ArrayList<>();
    if (given.stream().anyMatch(Objects::isNull)) {
      problems.add("'steps' must not hold empty entries");
    }
    // A name alone is a reference, which the shape check would call incomplete: it checks the rest.
    MaintenanceConfigCheck.checkSteps(
        "steps",
        given.stream().map(s -> isReference(s) ? null : s).toList(),
        (path, message) -> problems.add("'" + path + "' " + message));
    List<MaintenanceStep> resolved = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      MaintenanceStepConfig step = given.get(i);
      if (step == null) {
        continue;
      }
      if (isReference(step)) {
        Optional<MaintenanceStepConfig> named = config.maintenance().step(step.name());
        if (named.isPresent()) {
          resolved.add(MaintenancePlanFactory.configured(named.get()));
        } else {
          problems.add(
              "'steps["
                  + i
                  + "]' names no step of the config ('"
                  + step.name()
                  + "'); known: "
                  + known());
        }
      } else {
        if (step.http() != null && step.http().url() != null && !hosts.allows(step.http().url())) {
          problems.add(
              "'steps["
                  + i
                  + "].http.url' may only call a host the config names (services' health URLs, "
                  + "configured providers, maintenance.allowedHosts): "
                  + hosts.describe());
        }
        resolved.add(MaintenancePlanFactory.requested(step));
      }
    }
    if (!problems.isEmpty()) {
      throw Refusal.badRequest("Field " + String.join("; ", problems) + ".");
    }
    return resolved;
  }

  private static boolean isReference(MaintenanceStepConfig step) {
    return step != null
        && step.name() != null
        && !step.name().isBlank()
        && step.manual() == null
        && step.http() == null;
  }

  private static List<String> indexesWhere(
      List<MaintenanceStepConfig> steps, Predicate<MaintenanceStepConfig> test) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i) != null && test.test(steps.get(i))) {
        found.add("steps[" + i + "]");
      }
    }
    return found;
  }

  private String known() {
    List<String> names =
        config.maintenance().steps().stream()
            .filter(Objects::nonNull)
            .map(MaintenanceStepConfig::name)
            .toList();
    return names.isEmpty()
        ? "none (maintenance.steps in the config is empty)"
        : String.join(", ", names);
  }

  private String example() {
    return config.maintenance().steps().stream()
        .filter(Objects::nonNull)
        .map(MaintenanceStepConfig::name)
        .findFirst()
        .orElse("purge-cdn");
  }
}
