package dev.firebreak.starter.config;

import dev.firebreak.workflows.diagnostics.Probe;
import dev.firebreak.workflows.incident.Severity;
import dev.firebreak.workflows.playbook.ActionSpec;
import dev.firebreak.workflows.playbook.ActionStep;
import dev.firebreak.workflows.playbook.ApprovalRule;
import dev.firebreak.workflows.playbook.ParameterSpec;
import dev.firebreak.workflows.playbook.ParameterType;
import dev.firebreak.workflows.playbook.PlaybookMatch;
import dev.firebreak.workflows.playbook.PlaybookSpec;
import dev.firebreak.workflows.rollback.PlatformService;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the validated {@code playbooks} list into what incidents and action runs use, each service
 * resolved to where its platform knows it.
 */
public final class PlaybookSpecFactory {

  private final FirebreakConfig config;

  public PlaybookSpecFactory(FirebreakConfig config) {
    this.config = config;
  }

  /** Every playbook, in the config's order (the order matching tries them in). */
  public List<PlaybookSpec> specs() {
    return config.playbooks().stream().map(this::spec).toList();
  }

  public Optional<PlaybookSpec> named(String name) {
    return config.playbook(name).map(this::spec);
  }

  /** The first playbook, in the config's order, whose match a person's declaration meets. */
  public Optional<PlaybookSpec> firstMatch(String service, Severity severity, String title) {
    return firstMatch(service, severity, title, null, Map.of());
  }

  /** The first playbook, in the config's order, whose match the incident meets. */
  public Optional<PlaybookSpec> firstMatch(
      String service,
      Severity severity,
      String title,
      String alertName,
      Map<String, String> alertLabels) {
    return specs().stream()
        .filter(p -> p.match().matches(service, severity, title, alertName, alertLabels))
        .findFirst();
  }

  public PlaybookSpec spec(PlaybookConfig playbook) {
    return new PlaybookSpec(
        playbook.name(),
        playbook.title() == null ? playbook.name() : playbook.title(),
        match(playbook.match()),
        playbook.symptoms(),
        playbook.diagnosis().stream().map(this::probe).toList(),
        playbook.actions().stream().map(this::action).toList(),
        playbook.checklist(),
        playbook.prevention());
  }

  private static PlaybookMatch match(PlaybookConfig.Match match) {
    if (match == null) {
      return PlaybookMatch.never();
    }
    return new PlaybookMatch(
        match.alerts(),
        match.labels(),
        match.services(),
        match.severities().stream().map(Severity::valueOf).toList(),
        match.words());
  }

  private Probe probe(PlaybookProbeConfig probe) {
    Optional<ServiceConfig> service =
        probe.service() == null ? Optional.empty() : config.service(probe.service());
    return new Probe(
        probe.name(),
        probe.kind(),
        probe.url(),
        probe.service(),
        probe.status(),
        probe.expect(),
        probe.maxErrors(),
        DurationText.require(probe.timeout()),
        probe.critical(),
        service.map(ServiceConfig::sentryProject).orElse(null),
        service.map(ServiceConfig::platform).orElse(null),
        service.map(ServiceConfig::platformId).orElse(null));
  }

  private ActionSpec action(PlaybookActionConfig action) {
    return new ActionSpec(
        action.name(),
        action.title() == null ? action.name() : action.title(),
        action.roles(),
        action.approval() == null
            ? null
            : new ApprovalRule(
                action.approval().roles(), DurationText.require(action.approval().expiresAfter())),
        action.confirm(),
        action.parameters().stream().map(PlaybookSpecFactory::parameter).toList(),
        step(action),
        action.verify(),
        action.undo());
  }

  static ParameterSpec parameter(PlaybookActionConfig.Parameter parameter) {
    return new ParameterSpec(
        parameter.name(),
        ParameterType.valueOf(parameter.type().replace('-', '_').toUpperCase(Locale.ROOT)),
        parameter.required(),
        parameter.pattern(),
        parameter.min(),
        parameter.max(),
        parameter.defaultValue(),
        parameter.description());
  }

  private ActionStep step(PlaybookActionConfig action) {
    return switch (action.kind()) {
      case "env" -> new ActionStep.Env(platform(action), action.set(), action.unset());
      case "restart" -> new ActionStep.Restart(platform(action));
      case "scale" -> new ActionStep.Scale(platform(action), action.instances());
      case "redeploy" -> new ActionStep.Redeploy(platform(action));
      case "rollback" -> new ActionStep.Rollback(action.service());
      case "replay-webhooks" ->
          new ActionStep.ReplayWebhooks(action.job(), action.eventIds(), action.timeRange());
      case "job" -> new ActionStep.RunJob(action.job(), action.with());
      case "http" ->
          new ActionStep.Http(MaintenancePlanFactory.action(action.name(), action.http()));
      default -> throw new IllegalArgumentException("unknown action kind " + action.kind());
    };
  }

  private PlatformService platform(PlaybookActionConfig action) {
    ServiceConfig service =
        config
            .service(action.service())
            .orElseThrow(() -> new IllegalArgumentException("no service " + action.service()));
    return new PlatformService(service.name(), service.platform(), service.platformId());
  }
}
