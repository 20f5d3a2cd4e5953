package dev.firebreak.starter.rollbacks;

import dev.firebreak.starter.config.FirebreakConfig;
import dev.firebreak.starter.config.RollbackPolicyFactory;
import dev.firebreak.starter.config.ServiceConfig;
import dev.firebreak.starter.incidents.IncidentServices;
import dev.firebreak.starter.service.Refusal;
import dev.firebreak.starter.service.RequiredFields;
import dev.firebreak.starter.service.Role;
import dev.firebreak.workflows.incident.IncidentView;
import dev.firebreak.workflows.incident.Suggestion;
import dev.firebreak.workflows.rollback.Approval;
import dev.firebreak.workflows.rollback.RollbackOrder;
import dev.firebreak.workflows.rollback.RollbackRequest;
import dev.firebreak.workflows.rollback.RollbackView;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Who may roll a service back, and an incident's rollback: the assessment's suggestion made
 * runnable, started by the incident as its child so the result lands in its timeline. The HTTP API
 * and Slack's Roll back button both come here, so both check the same roles and pick the same
 * target.
 */
public final class IncidentRollbacks {

  /**
   * Who asks for a rollback.
   *
   * @param name recorded as the requester (a token's name, a Slack user id)
   * @param label how a refusal names them ("token 'ci'", a Slack user id that Slack shows as a
   *     mention)
   * @param may whether they hold a role
   */
  public record Requester(String name, String label, Predicate<Role> may) {}

  private final RollbackGateway rollbacks;
  private final IncidentServices incidents;
  private final FirebreakConfig config;

  public IncidentRollbacks(IncidentServices incidents, FirebreakConfig config) {
    this.rollbacks = new RollbackGateway(incidents.client(), incidents.deadlines());
    this.incidents = incidents;
    this.config = config;
  }

  public RollbackGateway gateway() {
    return rollbacks;
  }

  /**
   * @param toDeployment null for the deploy the assessment suggested (or, without one, the
   *     platform's previous good deploy)
   * @param key a repeated request with the same key (a retried call) returns the same rollback; it
   *     becomes part of the workflow id
   */
  public RollbackAdmission request(
      String incidentId, String toDeployment, String reason, Requester requester, String key) {
    IncidentView incident = incidents.reads().view(incidentId);
    ServiceConfig service = rollbackable(incident.service(), requester);
    String target = toDeployment != null ? toDeployment : suggestedTarget(incident, service.name());
    return start(incident, service, target, reason, requester, key);
  }

  /**
   * The suggested rollback, keyed by the deploy it goes back to: a second click, or the same
   * command typed again, finds the rollback the first one started instead of rolling back twice.
   *
   * @param origin where the request came from ("slack"), part of the key
   */
  public RollbackAdmission requestSuggested(String incidentId, Requester requester, String origin) {
    IncidentView incident = incidents.reads().view(incidentId);
    ServiceConfig service = rollbackable(incident.service(), requester);
    String target = suggestedTarget(incident, service.name());
    String key =
        origin + "-" + (target == null ? "previous" : target.replaceAll("[^A-Za-z0-9._-]", "-"));
    return start(incident, service, target, null, requester, key);
  }

  private RollbackAdmission start(
      IncidentView incident,
      ServiceConfig service,
      String target,
      String reason,
      Requester requester,
      String key) {
    return rollbacks.requestForIncident(
        incident.id(), order(incident, service, target, reason, requester, key));
  }

  /**
   * The rollback a playbook's {@code rollback} action runs, resolved as {@link #request} resolves
   * one with no target: the same roles, the assessment's suggested deploy, the service's policy.
   * The action run claims the lock and starts it, so nothing is started here.
   *
   * @param key the action run's key, part of the rollback's
   */
  public RollbackOrder forAction(
      IncidentView incident, String serviceName, String reason, Requester requester, String key) {
    ServiceConfig service = rollbackable(serviceName, requester);
    return order(
        incident,
        service,
        suggestedTarget(incident, service.name()),
        reason,
        requester,
        "action-" + key);
  }

  private RollbackOrder order(
      IncidentView incident,
      ServiceConfig service,
      String target,
      String reason,
      Requester requester,
      String key) {
    String text =
        reason != null ? reason : "Rollback for " + incident.id() + ": " + incident.title();
    String incidentKey = incident.id().toLowerCase(Locale.ROOT) + "-" + key;
    return order(service, incidentKey, target, text, requester.name(), incident.id());
  }

  /**
   * Approves or refuses a rollback waiting for approval, if the decider holds one of its service's
   * rollback roles; the workflow refuses a requester approving their own.
   */
  public RollbackView decide(
      String rollbackId, boolean approve, Requester decider, String comment) {
    RollbackView view = rollbacks.view(rollbackId);
    rollbackable(view.service(), decider);
    Approval approval = new Approval(decider.name(), comment);
    return approve
        ? rollbacks.approve(rollbackId, approval)
        : rollbacks.refuse(rollbackId, approval);
  }

  /**
   * The deploy the assessment suggested rolling {@code service} back to; null when it named none.
   */
  private static String suggestedTarget(IncidentView incident, String service) {
    return incident.suggestions().stream()
        .filter(s -> Suggestion.ROLLBACK.equals(s.kind()) && service.equals(s.service()))
        .map(Suggestion::target)
        .filter(t -> t != null)
        .findFirst()
        .orElse(null);
  }

  /**
   * The service, if it exists, runs on a platform, and the requester holds a role its config grants
   * ({@code rollback.roles}: admin unless the config grants more).
   */
  public ServiceConfig rollbackable(String name, Requester requester) {
    ServiceConfig service =
        config
            .service(name)
            .orElseThrow(
                () ->
                    Refusal.badRequest(
                        "No service named '"
                            + name
                            + "'; known: "
                            + config.services().stream()
                                .map(ServiceConfig::name)
                                .collect(Collectors.joining(", "))
                            + "."));
    if (service.platform() == null) {
      throw Refusal.badRequest(
          "Service '"
              + name
              + "' has no platform in the config, so Firebreak cannot roll it back.");
    }
    if (service.rollback().roles().stream().map(Role::of).noneMatch(requester.may())) {
      throw new Refusal(
          403,
          "forbidden",
          "Rolling back "
              + name
              + " needs one of the roles "
              + String.join(", ", service.rollback().roles())
              + ", which "
              + requester.label()
              + " does not have.");
    }
    return service;
  }

  public RollbackOrder order(
      ServiceConfig service,
      String key,
      String toDeployment,
      String reason,
      String requestedBy,
      String incidentId) {
    RollbackRequest request =
        new RollbackRequest(
            key,
            service.name(),
            RequiredFields.blankToNull(toDeployment),
            reason.strip(),
            requestedBy,
            incidentId);
    return new RollbackOrder(
        request, RollbackPolicyFactory.forService(service, incidents.policies().channel()));
  }
}
