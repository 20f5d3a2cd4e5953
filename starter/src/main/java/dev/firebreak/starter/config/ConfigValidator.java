package dev.firebreak.starter.config;

import dev.firebreak.workflows.incident.Severity;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

/**
 * Checks a bound config for what the records cannot express, and reports every problem with its
 * path rather than stopping at the first. Severities missing from the file are not an error: they
 * take {@link SeverityConfig#runbookDefault} (as do missing fields of a declared severity).
 */
public final class ConfigValidator {

  public static final List<String> PLATFORMS = List.of("vercel", "render");
  public static final List<String> TARGET_SCHEMES =
      List.of("slack", "pagerduty", "sms", "call", "email", "schedule");
  public static final List<String> ROLES = List.of("viewer", "responder", "admin");

  // Service names end up in workflow ids and Slack commands, so they stay plain.
  static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final int MIN_HISTORY_EVENT_LIMIT = 100;
  // Temporal warns at 10,240 events and terminates a workflow at 51,200.
  private static final int MAX_HISTORY_EVENT_LIMIT = 10_000;
  static final int MAX_ESCALATION_ROUNDS = 10;

  /**
   * Every duration in the config lies between these unless its field says otherwise: shorter turns
   * a wait into a busy loop that floods the workflow history, longer is a typo that later overflows
   * a timer.
   */
  static final String MIN_DURATION = "1s";

  static final String MAX_DURATION = "366d";
  private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern SENTRY_PROJECT_ID = Pattern.compile("[0-9]{1,20}");

  public List<ConfigProblem> validate(FirebreakConfig config) {
    List<ConfigProblem> problems = new ArrayList<>();
    BiConsumer<String, String> report =
        (path, message) -> problems.add(new ConfigProblem(path, message));
    if (blank(config.organisation())) {
      report.accept("organisation", "is required");
    }
    checkTokens(config.api(), report);
    checkSecrets(config, report);
    checkSlackRoles(config.providers().slack(), report);
    checkSeverities(config.severities(), report);
    Set<String> schedules = scheduleNames(config);
    checkEscalation("escalation", config.escalation(), schedules, report);
    config
        .escalationPolicies()
        .forEach(
            (name, policy) ->
                checkEscalation("escalationPolicies." + name, policy, schedules, report));
    checkPolicyChoices(config, report);
    checkIncident(config.incident(), report);
    checkServices(config.services(), report);
    new SlackProviderCheck().check(config.providers().slack(), report);
    new PagerDutyProviderCheck().check(config.providers().pagerduty(), report);
    checkProviderFields(config, report);
    MaintenanceConfigCheck.check(config, report);
    AlertsConfigCheck.check(config, report);
    JobConfigCheck.check(config, report);
    HeartbeatConfigCheck.check(config, report);
    OnCallConfigCheck.check(config, report);
    HealthChecksConfigCheck.check(config.healthChecks(), report);
    PlaybookConfigCheck.check(config, report);
    TwilioConfigCheck.check(config, report);
    return problems;
  }

  private void checkTokens(ApiConfig api, BiConsumer<String, String> report) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < api.tokens().size(); i++) {
      ApiTokenConfig token = api.tokens().get(i);
      String path = "api.tokens[" + i + "]";
      if (token == null) {
        continue;
      }
      if (blank(token.name())) {
        report.accept(path + ".name", "is required");
      } else {
        noteDuplicate(seen, token.name(), i, "api.tokens", "token name", path + ".name", report);
      }
      if (blank(token.token())) {
        report.accept(path + ".token", "is required (a ${ENV} reference)");
      }
      if (token.roles().isEmpty()) {
        report.accept(path + ".roles", "must list at least one of " + String.join(", ", ROLES));
      }
      for (int r = 0; r < token.roles().size(); r++) {
        String role = token.roles().get(r);
        if (role != null && !ROLES.contains(role)) {
          report.accept(
              path + ".roles[" + r + "]",
              "unknown role '" + role + "' (known: " + String.join(", ", ROLES) + ")");
        }
      }
    }
  }

  private void checkSlackRoles(
      ProvidersConfig.SlackProvider slack, BiConsumer<String, String> report) {
    if (slack == null) {
      return;
    }
    String known = " (known: " + String.join(", ", ROLES) + ")";
    if (slack.defaultRole() != null && !ROLES.contains(slack.defaultRole())) {
      report.accept(
          "providers.slack.defaultRole", "unknown role '" + slack.defaultRole() + "'" + known);
    }
    slack
        .users()
        .forEach(
            (user, role) -> {
              if (role == null || !ROLES.contains(role)) {
                report.accept(
                    "providers.slack.users." + user, "unknown role '" + role + "'" + known);
              }
            });
  }

  private void checkSecrets(FirebreakConfig config, BiConsumer<String, String> report) {
    for (SecretField field : SecretField.in(config)) {
      if (!field.value().isBlank() && field.variable().isEmpty()) {
        report.accept(field.path(), "secrets must be ${ENV} references, not literal values");
      }
    }
  }

  private void checkSeverities(
      Map<String, SeverityConfig> severities, BiConsumer<String, String> report) {
    Set<String> known = Set.copyOf(Arrays.stream(Severity.values()).map(Enum::name).toList());
    severities.forEach(
        (name, severity) -> {
          String path = "severities." + name;
          if (!known.contains(name)) {
            report.accept(path, "unknown severity (known: P0, P1, P2, P3, P4)");
            return;
          }
          // Each escalation level and each missed update is a page or a reminder: seconds apart is
          // a storm.
          checkOptionalDuration(path + ".ackTimeout", severity.ackTimeout(), "10s", "7d", report);
          checkOptionalDuration(
              path + ".updateInterval", severity.updateInterval(), "10s", "7d", report);
          checkOptionalDuration(
              path + ".postMortemDue", severity.postMortemDue(), "1m", "90d", report);
        });
  }

  /** The names of the configured on-call schedules, which {@code schedule:} targets may name. */
  private static Set<String> scheduleNames(FirebreakConfig config) {
    Set<String> names = new TreeSet<>();
    config.oncall().schedules().stream()
        .filter(s -> s != null && !blank(s.name()))
        .forEach(s -> names.add(s.name()));
    return names;
  }

  private void checkEscalation(
      String root,
      EscalationConfig escalation,
      Set<String> schedules,
      BiConsumer<String, String> report) {
    if (escalation == null) {
      report.accept(root, "must have levels");
      return;
    }
    if (escalation.rounds() < 1 || escalation.rounds() > MAX_ESCALATION_ROUNDS) {
      report.accept(
          root + ".rounds",
          "must be between 1 and " + MAX_ESCALATION_ROUNDS + ", not " + escalation.rounds());
    }
    if (escalation.levels().isEmpty()) {
      report.accept(root + ".levels", "must list at least one level (who is paged first)");
    }
    for (int i = 0; i < escalation.levels().size(); i++) {
      EscalationConfig.Level level = escalation.levels().get(i);
      String path = root + ".levels[" + i + "]";
      if (level == null) {
        continue;
      }
      if (blank(level.name())) {
        report.accept(path + ".name", "is required");
      }
      if (level.targets().isEmpty()) {
        report.accept(path + ".targets", "must list at least one target such as slack:U012AB3CD");
      }
      for (int t = 0; t < level.targets().size(); t++) {
        checkTarget(path + ".targets[" + t + "]", level.targets().get(t), schedules, report);
      }
      // A level seconds after the previous one is a page storm; a day is the longest anyone
      // waits for an acknowledgement.
      checkOptionalDuration(path + ".after", level.after(), "1m", "1d", report);
      for (int s = 0; s < level.severities().size(); s++) {
        String severity = level.severities().get(s);
        if (Arrays.stream(Severity.values()).noneMatch(v -> v.name().equals(severity))) {
          report.accept(
              path + ".severities[" + s + "]", "unknown severity (known: P0, P1, P2, P3, P4)");
        }
      }
    }
  }

  /** Every policy a severity or a service names exists. */
  private void checkPolicyChoices(FirebreakConfig config, BiConsumer<String, String> report) {
    String known =
        " (known: "
            + String.join(
                ", ",
                java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(FirebreakConfig.DEFAULT_POLICY),
                        config.escalationPolicies().keySet().stream().sorted())
                    .distinct()
                    .toList())
            + ")";
    config
        .severities()
        .forEach(
            (name, severity) -> {
              if (severity != null
                  && severity.policy() != null
                  && config.escalationPolicy(severity.policy()).isEmpty()) {
                report.accept(
                    "severities." + name + ".policy",
                    "unknown escalation policy '" + severity.policy() + "'" + known);
              }
            });
    for (int i = 0; i < config.services().size(); i++) {
      ServiceConfig service = config.services().get(i);
      if (service != null
          && service.policy() != null
          && config.escalationPolicy(service.policy()).isEmpty()) {
        report.accept(
            "services[" + i + "].policy",
            "unknown escalation policy '" + service.policy() + "'" + known);
      }
    }
  }

  /**
   * @param schedules the configured on-call schedules a {@code schedule:} target may name
   */
  private void checkTarget(
      String path, String target, Set<String> schedules, BiConsumer<String, String> report) {
    if (target == null) {
      return;
    }
    int colon = target.indexOf(':');
    String known = " (known: " + String.join(", ", TARGET_SCHEMES) + ")";
    if (colon <= 0 || colon == target.length() - 1) {
      report.accept(path, "must be scheme:address such as slack:U012AB3CD" + known);
    } else if (!TARGET_SCHEMES.contains(target.substring(0, colon))) {
      report.accept(path, "unknown target scheme '" + target.substring(0, colon) + "'" + known);
    } else if (target.startsWith("schedule:") && !schedules.contains(target.substring(9))) {
      report.accept(
          path,
          "unknown schedule '"
              + target.substring(9)
              + "'"
              + (schedules.isEmpty()
                  ? ": oncall.schedules defines none"
                  : " (known: " + String.join(", ", schedules) + ")"));
    } else if ((target.startsWith("sms:") || target.startsWith("call:"))
        && !E164.matcher(target.substring(colon + 1)).matches()) {
      report.accept(
          path,
          "must be an E.164 phone number such as "
              + target.substring(0, colon)
              + ":+15550100, not '"
              + target
              + "'");
    } else if (target.startsWith("email:") && !target.substring(6).matches("[^@\\s]+@[^@\\s]+")) {
      report.accept(
          path, "must be an email address such as email:oncall@example.com, not '" + target + "'");
    }
  }

  private void checkIncident(IncidentConfig incident, BiConsumer<String, String> report) {
    checkOptionalDuration("incident.monitoringPeriod", incident.monitoringPeriod(), report);
    checkOptionalDuration(
        "incident.monitoringCheckInterval", incident.monitoringCheckInterval(), "1s", "1h", report);
    checkOptionalDuration(
        "incident.postMortemReminderInterval",
        incident.postMortemReminderInterval(),
        "10s",
        "30d",
        report);
    checkOptionalDuration("incident.recentDeployWindow", incident.recentDeployWindow(), report);
    if (incident.historyEventLimit() < MIN_HISTORY_EVENT_LIMIT
        || incident.historyEventLimit() > MAX_HISTORY_EVENT_LIMIT) {
      report.accept(
          "incident.historyEventLimit",
          "must be between "
              + MIN_HISTORY_EVENT_LIMIT
              + " and "
              + MAX_HISTORY_EVENT_LIMIT
              + ", not "
              + incident.historyEventLimit());
    }
  }

  private void checkServices(List<ServiceConfig> services, BiConsumer<String, String> report) {
    if (services.isEmpty()) {
      report.accept("services", "must list at least one service");
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < services.size(); i++) {
      ServiceConfig service = services.get(i);
      String path = "services[" + i + "]";
      if (service == null) {
        continue;
      }
      if (blank(service.name())) {
        report.accept(path + ".name", "is required");
      } else if (!SERVICE_NAME.matcher(service.name()).matches()) {
        report.accept(
            path + ".name", "must be lower-case letters, digits and dashes, like recoup-backend");
      } else {
        noteDuplicate(seen, service.name(), i, "services", "service name", path + ".name", report);
      }
      if (service.healthUrl() != null) {
        checkUrl(path + ".healthUrl", service.healthUrl(), report);
      }
      if (service.platform() != null && !PLATFORMS.contains(service.platform())) {
        report.accept(
            path + ".platform",
            "unknown platform '"
                + service.platform()
                + "' (known: "
                + String.join(", ", PLATFORMS)
                + ")");
      }
      if (service.platform() != null && blank(service.platformId())) {
        report.accept(
            path + ".platformId",
            "is required when platform is set (the " + service.platform() + " id of the service)");
      }
      RollbackConfigCheck.check(path + ".rollback", service.rollback(), report);
      for (int d = 0; d < service.dependencies().size(); d++) {
        ServiceConfig.Dependency dependency = service.dependencies().get(d);
        String dependencyPath = path + ".dependencies[" + d + "]";
        if (dependency == null) {
          continue;
        }
        if (blank(dependency.name())) {
          report.accept(dependencyPath + ".name", "is required");
        }
        if (blank(dependency.statusPage())) {
          report.accept(
              dependencyPath + ".statusPage",
              "is required (its public status page, like https://status.stripe.com)");
        } else {
          checkUrl(dependencyPath + ".statusPage", dependency.statusPage(), report);
        }
      }
    }
  }

  /**
   * Fields that only mean something with their provider: the public status page and error counts.
   */
  private void checkProviderFields(FirebreakConfig config, BiConsumer<String, String> report) {
    config
        .severities()
        .forEach(
            (name, severity) -> {
              String impact = severity.statusPageImpact();
              if (impact == null) {
                return;
              }
              String path = "severities." + name + ".statusPageImpact";
              if (!SeverityConfig.STATUS_PAGE_IMPACTS.contains(impact)) {
                report.accept(
                    path,
                    "unknown impact '"
                        + impact
                        + "' (known: "
                        + String.join(", ", SeverityConfig.STATUS_PAGE_IMPACTS)
                        + ")");
              } else if (config.providers().statuspage() == null) {
                report.accept(path, "needs providers.statuspage (the page to post on)");
              }
            });
    for (int i = 0; i < config.services().size(); i++) {
      ServiceConfig service = config.services().get(i);
      if (service == null || service.sentryProject() == null) {
        continue;
      }
      String path = "services[" + i + "].sentryProject";
      if (!SENTRY_PROJECT_ID.matcher(service.sentryProject()).matches()) {
        report.accept(
            path,
            "must be the numeric Sentry project id (Project Settings → General), not '"
                + service.sentryProject()
                + "'");
      } else if (config.providers().sentry() == null) {
        report.accept(path, "needs providers.sentry (the organisation and its auth token)");
      }
    }
  }

  static void noteDuplicate(
      Map<String, Integer> seen,
      String name,
      int index,
      String listPath,
      String what,
      String path,
      BiConsumer<String, String> report) {
    Integer first = seen.putIfAbsent(name, index);
    if (first != null) {
      report.accept(
          path, "duplicate " + what + " '" + name + "' (also " + listPath + "[" + first + "])");
    }
  }

  /** A duration between {@link #MIN_DURATION} and {@link #MAX_DURATION}, when given. */
  static void checkOptionalDuration(String path, String value, BiConsumer<String, String> report) {
    checkOptionalDuration(path, value, MIN_DURATION, MAX_DURATION, report);
  }

  /**
   * A duration between {@code min} and {@code max} (both as a person writes them, like 10s or 7d),
   * when given.
   */
  static void checkOptionalDuration(
      String path, String value, String min, String max, BiConsumer<String, String> report) {
    if (value == null) {
      return;
    }
    Optional<Duration> parsed = DurationText.parse(value);
    if (parsed.isEmpty()) {
      report.accept(
          path,
          "must be a duration like 15m (30s, 15m, 1h, 2d or ISO-8601 such as PT15M), not '"
              + value
              + "'");
    } else if (parsed.get().compareTo(DurationText.require(min)) < 0) {
      report.accept(path, "must be at least " + min + ", not '" + value + "'");
    } else if (parsed.get().compareTo(DurationText.require(max)) > 0) {
      report.accept(path, "must be at most " + max + ", not '" + value + "'");
    }
  }

  static void checkUrl(String path, String url, BiConsumer<String, String> report) {
    if (url.contains("${")) {
      report.accept(
          path, "must be an http(s) URL; '" + url + "' has a variable that was not expanded");
      return;
    }
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        report.accept(path, "must be an http(s) URL, not '" + url + "'");
      }
    } catch (URISyntaxException e) {
      report.accept(path, "must be an http(s) URL, not '" + url + "'");
    }
  }

  static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
