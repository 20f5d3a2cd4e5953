package dev.firebreak.starter.config;

import dev.firebreak.workflows.common.EnvReferences;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.job.JobAction;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;

/** Checks the {@code jobs} list: names, schedules, zones, actions, retry and alert thresholds. */
final class JobConfigCheck {

  static final List<String> KINDS = List.of(JobAction.HTTP, JobAction.WEBHOOK_RETRY);
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private JobConfigCheck() {}

  static void check(FirebreakConfig config, BiConsumer<String, String> report) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < config.jobs().size(); i++) {
      JobConfig job = config.jobs().get(i);
      String path = "jobs[" + i + "]";
      if (job == null) {
        continue;
      }
      if (ConfigValidator.blank(job.name())) {
        report.accept(path + ".name", "is required");
      } else if (!ConfigValidator.SERVICE_NAME.matcher(job.name()).matches()) {
        report.accept(
            path + ".name",
            "must be lower-case letters, digits and dashes, like payment-verification");
      } else {
        ConfigValidator.noteDuplicate(
            seen, job.name(), i, "jobs", "job name", path + ".name", report);
      }
      if (ConfigValidator.blank(job.schedule())) {
        report.accept(path + ".schedule", "is required (a cron expression such as '0 2 * * *')");
      } else {
        CronText.problem(job.schedule())
            .ifPresent(problem -> report.accept(path + ".schedule", problem));
      }
      try {
        ZoneId.of(job.timeZone());
      } catch (DateTimeException e) {
        report.accept(
            path + ".timeZone",
            "unknown time zone '"
                + job.timeZone()
                + "' (use an IANA name such as UTC or Europe/London)");
      }
      if (job.service() != null && config.service(job.service()).isEmpty()) {
        report.accept(path + ".service", "no service named '" + job.service() + "' in services");
      }
      checkAction(path + ".action", job, report);
      checkParameters(path, job, report);
      ConfigValidator.checkOptionalDuration(path + ".timeout", job.timeout(), report);
      checkRetry(path + ".retry", job.retry(), report);
      checkAlerts(path, job, report);
    }
  }

  private static void checkAction(String path, JobConfig job, BiConsumer<String, String> report) {
    JobConfig.Action action = job.action();
    if (!KINDS.contains(action.kind())) {
      report.accept(
          path + ".kind",
          "unknown kind '" + action.kind() + "' (known: " + String.join(", ", KINDS) + ")");
      return;
    }
    if (JobAction.WEBHOOK_RETRY.equals(action.kind())) {
      if (action.url() != null) {
        report.accept(path + ".url", "is not used by the built-in webhook-retry job; remove it");
      }
      return;
    }
    if (ConfigValidator.blank(action.url())) {
      report.accept(path + ".url", "is required (the application's cron endpoint)");
    } else {
      // Secrets such as ?secret=${CRON_SECRET} are expanded only when the call is made, and a
      // scheduled run fills each {{parameter}} with its default.
      ConfigValidator.checkUrl(
          path + ".url",
          EnvReferences.expand(withDefaults(action.url(), job), name -> name),
          report);
    }
    if (!METHODS.contains(action.method())) {
      report.accept(
          path + ".method",
          "unknown method '" + action.method() + "' (known: " + String.join(", ", METHODS) + ")");
    }
    action
        .headers()
        .forEach(
            (name, value) -> {
              if (name.equalsIgnoreCase("Authorization")
                  && (value == null || !value.contains("${"))) {
                report.accept(
                    path + ".headers." + name,
                    "secrets must be ${ENV} references, not literal values");
              }
            });
    if (action.expectedStatus() != 0
        && (action.expectedStatus() < 100 || action.expectedStatus() > 599)) {
      report.accept(path + ".expectedStatus", "must be an HTTP status (100-599)");
    }
  }

  /**
   * A job's parameters are an action's, except that each needs a default (a scheduled run has
   * nobody to ask) and each {@code {{name}}} in the call must be one of them.
   */
  private static void checkParameters(
      String path, JobConfig job, BiConsumer<String, String> report) {
    String listPath = path + ".parameters";
    if (JobAction.WEBHOOK_RETRY.equals(job.action().kind())) {
      if (!job.parameters().isEmpty()) {
        report.accept(
            listPath,
            "a webhook-retry job takes none; a playbook's replay-webhooks action tells it which"
                + " events to send");
      }
      return;
    }
    Map<String, String> declared =
        PlaybookConfigCheck.checkParameters(listPath, job.parameters(), report);
    for (int p = 0; p < job.parameters().size(); p++) {
      PlaybookActionConfig.Parameter parameter = job.parameters().get(p);
      if (parameter != null && parameter.defaultValue() == null) {
        report.accept(
            listPath + "[" + p + "].defaultValue",
            "is required: a scheduled run fills {{" + parameter.name() + "}} with it");
      }
    }
    JobConfig.Action action = job.action();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("url", action.url());
    fields.put("body", action.body());
    action.headers().forEach((name, value) -> fields.put("headers." + name, value));
    fields.forEach(
        (field, value) -> {
          for (String name : PlaybookConfigCheck.placeholdersIn(value)) {
            if (!declared.containsKey(name)) {
              report.accept(
                  path + ".action." + field,
                  "{{" + name + "}} names no parameter of this job (declare it in parameters)");
            }
          }
        });
  }

  /** The text as a scheduled run sends it: each {@code {{name}}} replaced by its default. */
  private static String withDefaults(String text, JobConfig job) {
    Map<String, String> defaults = new HashMap<>();
    job.parameters().stream()
        .filter(parameter -> parameter != null && parameter.defaultValue() != null)
        .forEach(parameter -> defaults.put(parameter.name(), parameter.defaultValue()));
    return PlaybookConfigCheck.PLACEHOLDER
        .matcher(text)
        .replaceAll(match -> Matcher.quoteReplacement(defaults.getOrDefault(match.group(1), "x")));
  }

  private static void checkRetry(
      String path, JobConfig.Retry retry, BiConsumer<String, String> report) {
    ConfigValidator.checkOptionalDuration(
        path + ".initialInterval", retry.initialInterval(), report);
    ConfigValidator.checkOptionalDuration(
        path + ".maximumInterval", retry.maximumInterval(), report);
    if (retry.backoffCoefficient() < 1.0) {
      report.accept(
          path + ".backoffCoefficient", "must be at least 1 (1 retries at a steady pace)");
    }
    if (retry.maximumAttempts() < 1) {
      report.accept(path + ".maximumAttempts", "must be at least 1");
    }
  }

  private static void checkAlerts(String path, JobConfig job, BiConsumer<String, String> report) {
    if (job.warnAfter() < 0) {
      report.accept(path + ".warnAfter", "must be 0 (never) or more");
    }
    if (job.incidentAfter() < 0) {
      report.accept(path + ".incidentAfter", "must be 0 (never) or more");
    } else if (job.incidentAfter() > 0 && job.warnAfter() > job.incidentAfter()) {
      report.accept(
          path + ".incidentAfter",
          "must not come before the warning (warnAfter is " + job.warnAfter() + ")");
    }
    if (Arrays.stream(Severity.values()).noneMatch(s -> s.name().equals(job.severity()))) {
      report.accept(
          path + ".severity",
          "unknown severity '" + job.severity() + "' (known: P0, P1, P2, P3, P4)");
    }
  }
}
