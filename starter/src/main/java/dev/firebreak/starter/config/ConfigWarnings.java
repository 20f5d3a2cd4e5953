package dev.firebreak.starter.config;

import dev.firebreak.workflows.common.EnvReferences;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What {@code config check} points out without refusing the file: settings that load but will not
 * do what their author means, found before an incident or a maintenance window finds them. Reads
 * the config as written (before dev mode expands {@code ${FIREBREAK_DEV_URL}}).
 */
final class ConfigWarnings {

  /**
   * Member and user-group IDs, the only Slack addresses a mention reaches (see the Slack provider
   * notes).
   */
  private static final Pattern SLACK_ID = Pattern.compile("[UWS][A-Z0-9]{2,}");

  private final Function<String, String> environment;

  /**
   * @param environment looks a variable up by name, null when it is not set ({@code
   *     System::getenv})
   */
  ConfigWarnings(Function<String, String> environment) {
    this.environment = environment;
  }

  List<ConfigProblem> of(FirebreakConfig config) {
    List<ConfigProblem> warnings = new ArrayList<>();
    BiConsumer<String, String> warn =
        (path, message) -> warnings.add(new ConfigProblem(path, message));
    checkTargets(config, warn);
    checkServiceUrls(config.services(), warn);
    List<MaintenanceWindowConfig> windows = config.maintenance().windows();
    for (int w = 0; w < windows.size(); w++) {
      MaintenanceWindowConfig window = windows.get(w);
      if (window == null) {
        continue;
      }
      String path = "maintenance.windows[" + w + "]";
      checkSteps(path + ".preChecks", window.preChecks(), warn);
      checkSteps(path + ".steps", window.steps(), warn);
      checkSteps(path + ".postChecks", window.postChecks(), warn);
      if (window.maintenanceMode() != null) {
        checkCall(path + ".maintenanceMode.enable", window.maintenanceMode().enable(), warn);
        checkCall(path + ".maintenanceMode.disable", window.maintenanceMode().disable(), warn);
      }
    }
    for (int j = 0; j < config.jobs().size(); j++) {
      JobConfig job = config.jobs().get(j);
      if (job != null) {
        String path = "jobs[" + j + "].action";
        checkReferences(path + ".url", job.action().url(), warn);
        checkReferences(path, job.action().headers(), warn);
        checkReferences(path + ".body", job.action().body(), warn);
      }
    }
    for (int p = 0; p < config.playbooks().size(); p++) {
      PlaybookConfig playbook = config.playbooks().get(p);
      for (int d = 0; playbook != null && d < playbook.diagnosis().size(); d++) {
        PlaybookProbeConfig probe = playbook.diagnosis().get(d);
        if (probe != null && probe.critical() && "deploys".equals(probe.kind())) {
          warn.accept(
              "playbooks[" + p + "].diagnosis[" + d + "].critical",
              "a deploys probe reports the recent deploys and never fails, so critical changes nothing");
        }
      }
      for (int a = 0; playbook != null && a < playbook.actions().size(); a++) {
        PlaybookActionConfig action = playbook.actions().get(a);
        if (action != null) {
          checkCall("playbooks[" + p + "].actions[" + a + "].http", action.http(), warn);
        }
      }
    }
    return warnings;
  }

  private void checkTargets(FirebreakConfig config, BiConsumer<String, String> warn) {
    List<EscalationConfig.Level> levels = config.escalation().levels();
    for (int i = 0; i < levels.size(); i++) {
      EscalationConfig.Level level = levels.get(i);
      if (level == null) {
        continue;
      }
      for (int t = 0; t < level.targets().size(); t++) {
        String target = level.targets().get(t);
        String path = "escalation.levels[" + i + "].targets[" + t + "]";
        if (target == null) {
          continue;
        }
        if (target.startsWith("email:") && config.providers().sendgrid() == null) {
          warn.accept(
              path,
              "'" + target + "' is never mailed: there is no mail provider (providers.sendgrid)");
        }
        if (target.startsWith("slack:") && !SLACK_ID.matcher(target.substring(6)).matches()) {
          warn.accept(
              path,
              "'"
                  + target
                  + "' is not a Slack member ID, so the page mentions nobody; use the ID "
                  + "such as slack:U012AB3CD (profile → ⋮ → Copy member ID)"
                  + (target.startsWith("slack:@") ? ", not the @handle" : ""));
        }
      }
    }
  }

  private void checkServiceUrls(List<ServiceConfig> services, BiConsumer<String, String> warn) {
    for (int i = 0; i < services.size(); i++) {
      ServiceConfig service = services.get(i);
      if (service == null) {
        continue;
      }
      warnIfDevOnly("services[" + i + "].healthUrl", service.healthUrl(), warn);
      if (!service.checks().isEmpty() && service.healthUrl() == null) {
        warn.accept(
            "services[" + i + "].checks",
            "the service has no healthUrl, so no health check reads these sub-checks");
      }
      for (int d = 0; d < service.dependencies().size(); d++) {
        ServiceConfig.Dependency dependency = service.dependencies().get(d);
        if (dependency != null) {
          warnIfDevOnly(
              "services[" + i + "].dependencies[" + d + "].statusPage",
              dependency.statusPage(),
              warn);
        }
      }
    }
  }

  private void checkSteps(
      String path, List<MaintenanceStepConfig> steps, BiConsumer<String, String> warn) {
    for (int i = 0; i < steps.size(); i++) {
      MaintenanceStepConfig step = steps.get(i);
      if (step != null) {
        checkCall(path + "[" + i + "].http", step.http(), warn);
      }
    }
  }

  private void checkCall(
      String path, MaintenanceStepConfig.HttpCall call, BiConsumer<String, String> warn) {
    if (call == null) {
      return;
    }
    checkReferences(path + ".url", call.url(), warn);
    checkReferences(path, call.headers(), warn);
    checkReferences(path + ".body", call.body(), warn);
  }

  private void checkReferences(
      String path, Map<String, String> headers, BiConsumer<String, String> warn) {
    headers.forEach((name, value) -> checkReferences(path + ".headers." + name, value, warn));
  }

  /**
   * A call's {@code ${VAR}} is expanded from the worker's environment when the call is made, and an
   * unset one fails the step then; said here, it is fixed before the window or the job runs.
   */
  private void checkReferences(String path, String text, BiConsumer<String, String> warn) {
    for (String variable : variablesIn(text)) {
      if (ConfigLoader.DEV_URL_VARIABLE.equals(variable)) {
        warn.accept(
            path,
            "uses "
                + EnvReferences.reference(variable)
                + ", which only 'firebreak dev' sets (to its "
                + "own address); anywhere else this call fails unless "
                + variable
                + " is set");
      } else if (environment.apply(variable) == null) {
        warn.accept(
            path,
            EnvReferences.reference(variable)
                + " is not set here; the call fails when it runs "
                + "unless "
                + variable
                + " is set where the worker runs");
      }
    }
  }

  /**
   * A service's URLs are expanded when the config loads, and only dev mode has the variable to
   * expand.
   */
  private void warnIfDevOnly(String path, String url, BiConsumer<String, String> warn) {
    if (variablesIn(url).contains(ConfigLoader.DEV_URL_VARIABLE)) {
      warn.accept(
          path,
          "uses "
              + EnvReferences.reference(ConfigLoader.DEV_URL_VARIABLE)
              + ": only 'firebreak dev' fills it in; 'worker', 'api' and 'all' refuse this file");
    }
  }

  private static Set<String> variablesIn(String text) {
    Set<String> variables = new LinkedHashSet<>();
    EnvReferences.expand(
        text,
        variable -> {
          variables.add(variable);
          return "";
        });
    return variables;
  }
}
