package dev.firebreak.starter.config;

import dev.firebreak.workflows.diagnostics.JsonExpectation;
import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.job.JobAction;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Checks the {@code playbooks} list: names, match criteria, probes, and each action's kind, target,
 * parameters, roles, approval, verification and undo, every problem at its field.
 */
final class PlaybookConfigCheck {

  static final List<String> ACTION_KINDS =
      List.of("env", "restart", "scale", "redeploy", "rollback", "replay-webhooks", "job", "http");

  static final List<String> PARAMETER_TYPES = List.of("string", "integer", "list", "time-range");

  /** The kinds that change a service on its platform, and the platforms that can do it. */
  private static final Map<String, List<String>> PLATFORM_KINDS =
      Map.of(
          "env", ConfigValidator.PLATFORMS,
          "redeploy", ConfigValidator.PLATFORMS,
          "rollback", ConfigValidator.PLATFORMS,
          "restart", List.of("render"),
          "scale", List.of("render"));

  private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,39}");
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([^}]*?)\\s*}}");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private PlaybookConfigCheck() {}

  static void check(FirebreakConfig config, BiConsumer<String, String> report) {
    Map<String, Integer> names = new HashMap<>();
    for (int i = 0; i < config.playbooks().size(); i++) {
      PlaybookConfig playbook = config.playbooks().get(i);
      String path = "playbooks[" + i + "]";
      if (playbook == null) {
        continue;
      }
      if (ConfigValidator.blank(playbook.name())) {
        report.accept(path + ".name", "is required");
      } else if (!ConfigValidator.SERVICE_NAME.matcher(playbook.name()).matches()) {
        report.accept(
            path + ".name", "must be lower-case letters, digits and dashes, like site-down");
      } else {
        ConfigValidator.noteDuplicate(
            names, playbook.name(), i, "playbooks", "playbook name", path + ".name", report);
      }
      if (playbook.match() != null) {
        checkMatch(config, path + ".match", playbook.match(), report);
      }
      Set<String> probes = checkProbes(config, path + ".diagnosis", playbook.diagnosis(), report);
      checkActions(config, path + ".actions", playbook, probes, report);
      checkTexts(path + ".checklist", playbook.checklist(), report);
      checkTexts(path + ".prevention", playbook.prevention(), report);
    }
  }

  private static void checkMatch(
      FirebreakConfig config,
      String path,
      PlaybookConfig.Match match,
      BiConsumer<String, String> report) {
    for (int s = 0; s < match.services().size(); s++) {
      checkService(config, path + ".services[" + s + "]", match.services().get(s), report);
    }
    List<String> severities = Arrays.stream(Severity.values()).map(Enum::name).toList();
    for (int s = 0; s < match.severities().size(); s++) {
      String severity = match.severities().get(s);
      if (!known(severities, severity)) {
        report.accept(
            path + ".severities[" + s + "]",
            "unknown severity '" + severity + "' (known: P0, P1, P2, P3, P4)");
      }
    }
    checkTexts(path + ".alerts", match.alerts(), report);
    checkTexts(path + ".words", match.words(), report);
  }

  /** The names of the well-formed probes, which actions may {@code verify}. */
  private static Set<String> checkProbes(
      FirebreakConfig config,
      String listPath,
      List<PlaybookProbeConfig> probes,
      BiConsumer<String, String> report) {
    Map<String, Integer> names = new HashMap<>();
    for (int p = 0; p < probes.size(); p++) {
      PlaybookProbeConfig probe = probes.get(p);
      String path = listPath + "[" + p + "]";
      if (probe == null) {
        continue;
      }
      if (ConfigValidator.blank(probe.name())) {
        report.accept(path + ".name", "is required");
      } else {
        ConfigValidator.noteDuplicate(
            names, probe.name(), p, listPath, "probe name", path + ".name", report);
      }
      if (!known(Probe.KINDS, probe.kind())) {
        report.accept(path + ".kind", unknown("kind", probe.kind(), Probe.KINDS));
        continue;
      }
      boolean page = probe.kind().equals(Probe.HTTP) || probe.kind().equals(Probe.STATUS_PAGE);
      if (page && ConfigValidator.blank(probe.url())) {
        report.accept(path + ".url", "is required for a " + probe.kind() + " probe");
      } else if (page) {
        ConfigValidator.checkUrl(path + ".url", probe.url(), report);
      }
      if (!page) {
        checkProbeService(config, path, probe, report);
      }
      for (int e = 0; e < probe.expect().size(); e++) {
        String line = probe.expect().get(e);
        String linePath = path + ".expect[" + e + "]";
        JsonExpectation.problem(line).ifPresent(problem -> report.accept(linePath, problem));
      }
      if (probe.status() != 0 && (probe.status() < 100 || probe.status() > 599)) {
        report.accept(path + ".status", "must be an HTTP status between 100 and 599");
      }
      if (probe.maxErrors() < 0) {
        report.accept(path + ".maxErrors", "must be 0 or more");
      }
      // A probe runs inside the assessment's minute, retries included.
      ConfigValidator.checkOptionalDuration(
          path + ".timeout", probe.timeout(), "1s", "30s", report);
    }
    return names.keySet();
  }

  private static void checkProbeService(
      FirebreakConfig config,
      String path,
      PlaybookProbeConfig probe,
      BiConsumer<String, String> report) {
    if (ConfigValidator.blank(probe.service())) {
      report.accept(path + ".service", "is required for a " + probe.kind() + " probe");
      return;
    }
    Optional<ServiceConfig> service =
        checkService(config, path + ".service", probe.service(), report);
    if (service.isEmpty()) {
      return;
    }
    if (probe.kind().equals(Probe.ERRORS) && service.get().sentryProject() == null) {
      report.accept(
          path + ".service",
          "service '"
              + probe.service()
              + "' has no sentryProject, so its errors cannot be counted");
    } else if (probe.kind().equals(Probe.DEPLOYS) && service.get().platform() == null) {
      report.accept(
          path + ".service",
          "service '" + probe.service() + "' has no platform, so its deploys cannot be listed");
    }
  }

  private static void checkActions(
      FirebreakConfig config,
      String listPath,
      PlaybookConfig playbook,
      Set<String> probes,
      BiConsumer<String, String> report) {
    Map<String, Integer> names = new HashMap<>();
    List<PlaybookActionConfig> actions = playbook.actions();
    for (int a = 0; a < actions.size(); a++) {
      PlaybookActionConfig action = actions.get(a);
      if (action != null && !ConfigValidator.blank(action.name())) {
        names.putIfAbsent(action.name(), a);
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    for (int a = 0; a < actions.size(); a++) {
      PlaybookActionConfig action = actions.get(a);
      String path = listPath + "[" + a + "]";
      if (action == null) {
        continue;
      }
      if (ConfigValidator.blank(action.name())) {
        report.accept(path + ".name", "is required");
      } else if (!ConfigValidator.SERVICE_NAME.matcher(action.name()).matches()) {
        report.accept(
            path + ".name", "must be lower-case letters, digits and dashes, like circuit-breaker");
      } else {
        ConfigValidator.noteDuplicate(
            seen, action.name(), a, listPath, "action name", path + ".name", report);
      }
      checkRoles(path + ".roles", action.roles(), report);
      if (action.approval() != null) {
        checkRoles(path + ".approval.roles", action.approval().roles(), report);
        ConfigValidator.checkOptionalDuration(
            path + ".approval.expiresAfter", action.approval().expiresAfter(), "1m", "7d", report);
      }
      Map<String, String> parameters =
          checkParameters(path + ".parameters", action.parameters(), report);
      if (!known(ACTION_KINDS, action.kind())) {
        report.accept(path + ".kind", unknown("kind", action.kind(), ACTION_KINDS));
      } else {
        checkStep(config, path, action, parameters, report);
      }
      checkPlaceholders(path, action, parameters, report);
      for (int v = 0; v < action.verify().size(); v++) {
        String check = action.verify().get(v);
        boolean health =
            config.service(check).map(s -> !ConfigValidator.blank(s.healthUrl())).orElse(false);
        if (!health && !probes.contains(check)) {
          report.accept(
              path + ".verify[" + v + "]",
              "no health check or probe named '"
                  + check
                  + "' (a service with a healthUrl, or a probe of this playbook's diagnosis)");
        }
      }
      if (action.undo() != null) {
        if (action.undo().equals(action.name())) {
          report.accept(path + ".undo", "cannot name the action itself");
        } else if (!names.containsKey(action.undo())) {
          report.accept(
              path + ".undo",
              "no action named '" + action.undo() + "' in playbook '" + playbook.name() + "'");
        }
      }
    }
  }

  /** Checks each parameter (an action's, a job's) and returns the declared ones, name to type. */
  static Map<String, String> checkParameters(
      String listPath,
      List<PlaybookActionConfig.Parameter> parameters,
      BiConsumer<String, String> report) {
    Map<String, String> declared = new HashMap<>();
    Map<String, Integer> seen = new HashMap<>();
    for (int p = 0; p < parameters.size(); p++) {
      PlaybookActionConfig.Parameter parameter = parameters.get(p);
      String path = listPath + "[" + p + "]";
      if (parameter == null) {
        continue;
      }
      if (ConfigValidator.blank(parameter.name())) {
        report.accept(path + ".name", "is required");
      } else if (!PARAMETER_NAME.matcher(parameter.name()).matches()) {
        report.accept(
            path + ".name", "must be a letter then letters, digits or underscores, like eventId");
      } else {
        ConfigValidator.noteDuplicate(
            seen, parameter.name(), p, listPath, "parameter name", path + ".name", report);
        declared.putIfAbsent(parameter.name(), parameter.type());
      }
      if (!known(PARAMETER_TYPES, parameter.type())) {
        report.accept(path + ".type", unknown("type", parameter.type(), PARAMETER_TYPES));
        continue;
      }
      Pattern pattern = null;
      if (parameter.pattern() != null) {
        try {
          pattern = Pattern.compile(parameter.pattern());
        } catch (PatternSyntaxException e) {
          report.accept(
              path + ".pattern",
              "is not a regular expression ("
                  + e.getDescription()
                  + "): '"
                  + parameter.pattern()
                  + "'");
        }
      }
      boolean integer = parameter.type().equals("integer");
      if (parameter.min() != null && !integer) {
        report.accept(path + ".min", "only bounds an integer parameter");
      }
      if (parameter.max() != null && !integer && !parameter.type().equals("time-range")) {
        report.accept(path + ".max", "only bounds an integer, or a time-range's length in seconds");
      }
      if (parameter.min() != null && parameter.max() != null && parameter.min() > parameter.max()) {
        report.accept(path + ".min", "must not be more than max (" + parameter.max() + ")");
      }
      if (parameter.defaultValue() != null) {
        String problem = valueProblem(parameter, pattern, parameter.defaultValue());
        if (problem != null) {
          report.accept(path + ".defaultValue", problem);
        }
      }
    }
    return declared;
  }

  /** Why a value does not fit the parameter, or null when it does. */
  private static String valueProblem(
      PlaybookActionConfig.Parameter parameter, Pattern pattern, String value) {
    switch (parameter.type()) {
      case "integer" -> {
        long number;
        try {
          number = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
          return "must be a whole number, not '" + value + "'";
        }
        if ((parameter.min() != null && number < parameter.min())
            || (parameter.max() != null && number > parameter.max())) {
          return "must be between "
              + parameter.min()
              + " and "
              + parameter.max()
              + ", not "
              + number;
        }
        return null;
      }
      case "time-range" -> {
        String[] ends = value.split("/", -1);
        try {
          if (ends.length != 2 || !Instant.parse(ends[0]).isBefore(Instant.parse(ends[1]))) {
            return "must be <from>/<to>, two ISO-8601 instants in order, not '" + value + "'";
          }
        } catch (DateTimeParseException e) {
          return "must be <from>/<to>, two ISO-8601 instants in order, not '" + value + "'";
        }
        return null;
      }
      default -> {
        List<String> values =
            parameter.type().equals("list") ? List.of(value.split(",")) : List.of(value);
        for (String one : values) {
          if (pattern != null && !pattern.matcher(one.trim()).matches()) {
            return "'" + one.trim() + "' does not match " + parameter.pattern();
          }
        }
        return null;
      }
    }
  }

  private static void checkStep(
      FirebreakConfig config,
      String path,
      PlaybookActionConfig action,
      Map<String, String> parameters,
      BiConsumer<String, String> report) {
    String kind = action.kind();
    List<String> platforms = PLATFORM_KINDS.get(kind);
    if (platforms != null) {
      checkPlatformService(config, path + ".service", action, platforms, report);
    }
    switch (kind) {
      case "env" -> {
        if (action.set().isEmpty() && action.unset().isEmpty()) {
          report.accept(path + ".set", "an env action must set or unset at least one variable");
        }
        action.set().keySet().stream()
            .filter(name -> !ENV_NAME.matcher(name).matches())
            .forEach(name -> report.accept(path + ".set." + name, "is not a variable name"));
        for (int u = 0; u < action.unset().size(); u++) {
          String name = action.unset().get(u);
          if (name == null || !ENV_NAME.matcher(name).matches()) {
            report.accept(path + ".unset[" + u + "]", "is not a variable name: '" + name + "'");
          }
        }
      }
      case "scale" -> checkInstances(path + ".instances", action.instances(), parameters, report);
      case "replay-webhooks" -> {
        checkJob(config, path + ".job", action.job(), true, report);
        if ((action.eventIds() == null) == (action.timeRange() == null)) {
          report.accept(
              path + ".eventIds",
              "give eventIds or timeRange (a {{parameter}} holding the events to replay), not "
                  + (action.eventIds() == null ? "neither" : "both"));
        }
        checkParameterOfType(
            path + ".eventIds", action.eventIds(), parameters, List.of("string", "list"), report);
        checkParameterOfType(
            path + ".timeRange", action.timeRange(), parameters, List.of("time-range"), report);
      }
      case "job" ->
          checkJob(config, path + ".job", action.job(), false, report)
              .ifPresent(job -> checkWith(path + ".with", action, job, report));
      case "http" -> MaintenanceConfigCheck.checkCall(path + ".http", action.http(), report);
      default -> {
        // restart, redeploy and rollback need only their service, checked above.
      }
    }
  }

  private static void checkPlatformService(
      FirebreakConfig config,
      String path,
      PlaybookActionConfig action,
      List<String> platforms,
      BiConsumer<String, String> report) {
    if (ConfigValidator.blank(action.service())) {
      report.accept(path, "is required for a " + action.kind() + " action");
      return;
    }
    checkService(config, path, action.service(), report)
        .filter(service -> !known(platforms, service.platform()))
        .ifPresent(
            service ->
                report.accept(
                    path,
                    "service '"
                        + service.name()
                        + "' must be on "
                        + String.join(" or ", platforms)
                        + " for a "
                        + action.kind()
                        + " action"
                        + (service.platform() == null
                            ? " (it has no platform)"
                            : " (its platform: " + service.platform() + ")")));
  }

  private static void checkInstances(
      String path,
      String instances,
      Map<String, String> parameters,
      BiConsumer<String, String> report) {
    if (instances == null) {
      report.accept(path, "is required: a number of instances, or a {{parameter}} holding one");
    } else if (placeholder(instances).isPresent()) {
      checkParameterOfType(path, instances, parameters, List.of("integer"), report);
    } else if (!instances.matches("[1-9][0-9]{0,3}")) {
      report.accept(path, "must be a number of instances of 1 or more, not '" + instances + "'");
    }
  }

  /** A field that must be exactly {@code {{name}}} of a parameter of one of these types. */
  private static void checkParameterOfType(
      String path,
      String value,
      Map<String, String> parameters,
      List<String> types,
      BiConsumer<String, String> report) {
    if (value == null) {
      return;
    }
    Optional<String> name = placeholder(value);
    if (name.isEmpty()) {
      report.accept(path, "must be a {{parameter}}, not '" + value + "'");
    } else if (parameters.containsKey(name.get()) && !types.contains(parameters.get(name.get()))) {
      report.accept(
          path,
          "parameter '"
              + name.get()
              + "' must be of type "
              + String.join(" or ", types)
              + ", not "
              + parameters.get(name.get()));
    }
  }

  private static Optional<String> placeholder(String value) {
    Matcher matcher = PLACEHOLDER.matcher(value.trim());
    return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** Every {@code {{name}}} in the action's fields names one of its parameters. */
  private static void checkPlaceholders(
      String path,
      PlaybookActionConfig action,
      Map<String, String> parameters,
      BiConsumer<String, String> report) {
    Map<String, String> fields = new java.util.LinkedHashMap<>();
    fields.put("instances", action.instances());
    fields.put("eventIds", action.eventIds());
    fields.put("timeRange", action.timeRange());
    action.set().forEach((k, v) -> fields.put("set." + k, v));
    action.with().forEach((k, v) -> fields.put("with." + k, v));
    if (action.http() != null) {
      fields.put("http.url", action.http().url());
      fields.put("http.body", action.http().body());
      action.http().headers().forEach((k, v) -> fields.put("http.headers." + k, v));
    }
    fields.forEach(
        (field, value) -> {
          for (String name : placeholdersIn(value)) {
            if (!parameters.containsKey(name)) {
              report.accept(
                  path + "." + field,
                  "{{" + name + "}} names no parameter of this action (declare it in parameters)");
            }
          }
        });
  }

  static Set<String> placeholdersIn(String value) {
    Set<String> names = new LinkedHashSet<>();
    if (value != null) {
      Matcher matcher = PLACEHOLDER.matcher(value);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  /** The named job, reported when it is missing or (for a replay) of the wrong kind. */
  private static Optional<JobConfig> checkJob(
      FirebreakConfig config,
      String path,
      String name,
      boolean webhookRetry,
      BiConsumer<String, String> report) {
    if (ConfigValidator.blank(name)) {
      report.accept(path, "is required: the name of a job in jobs");
      return Optional.empty();
    }
    Optional<JobConfig> job =
        config.jobs().stream().filter(j -> j != null && name.equals(j.name())).findFirst();
    if (job.isEmpty()) {
      report.accept(path, "no job named '" + name + "' in jobs");
    } else if (webhookRetry && !JobAction.WEBHOOK_RETRY.equals(job.get().action().kind())) {
      report.accept(
          path,
          "job '" + name + "' must be a " + JobAction.WEBHOOK_RETRY + " job to replay webhooks");
    }
    return job;
  }

  /** A job action's {@code with} may give only the parameters its job declares. */
  private static void checkWith(
      String path, PlaybookActionConfig action, JobConfig job, BiConsumer<String, String> report) {
    Set<String> declared = new LinkedHashSet<>();
    job.parameters().stream()
        .filter(parameter -> parameter != null && parameter.name() != null)
        .forEach(parameter -> declared.add(parameter.name()));
    for (String name : action.with().keySet()) {
      if (!declared.contains(name)) {
        report.accept(
            path + "." + name,
            "job '"
                + job.name()
                + "' has no parameter '"
                + name
                + "' ("
                + (declared.isEmpty()
                    ? "it declares none"
                    : "it declares " + String.join(", ", declared))
                + ")");
      }
    }
  }

  private static Optional<ServiceConfig> checkService(
      FirebreakConfig config, String path, String name, BiConsumer<String, String> report) {
    Optional<ServiceConfig> service = config.service(name);
    if (service.isEmpty()) {
      report.accept(path, "no service named '" + name + "' in services");
    }
    return service;
  }

  private static void checkRoles(
      String path, List<String> roles, BiConsumer<String, String> report) {
    for (int r = 0; r < roles.size(); r++) {
      String role = roles.get(r);
      if (!known(ConfigValidator.ROLES, role)) {
        report.accept(path + "[" + r + "]", unknown("role", role, ConfigValidator.ROLES));
      }
    }
  }

  private static void checkTexts(
      String path, List<String> texts, BiConsumer<String, String> report) {
    for (int t = 0; t < texts.size(); t++) {
      if (ConfigValidator.blank(texts.get(t))) {
        report.accept(path + "[" + t + "]", "must not be empty");
      }
    }
  }

  /**
   * Whether the value is one of the list's; null never is (immutable lists refuse to look it up).
   */
  private static boolean known(List<String> list, String value) {
    return value != null && list.contains(value);
  }

  private static String unknown(String what, String value, List<String> known) {
    return "unknown " + what + " '" + value + "' (known: " + String.join(", ", known) + ")";
  }
}
